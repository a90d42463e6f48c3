/**
 * What every route module is given: the state, the resolved options, the event publisher that
 * fans resources out to webhooks, and a logger. Route modules register on the shared router.
 */
import type Router from '@koa/router';
import type { RouterContext } from '@koa/router';
import type { Logger } from '../log/logger.js';
import type { SandboxEvents } from './events.js';
import type { SandboxState } from './state.js';

export interface ResolvedOptions {
  clientId: string;
  clientSecret: string;
  /** No trailing slash. */
  publicBaseUrl: string;
  /** `${publicBaseUrl}/sandbox`: what Deputy uses as WEBEX_API_BASE_URL. */
  apiBaseUrl: string;
}

export interface SandboxDeps {
  state: SandboxState;
  options: ResolvedOptions;
  events: SandboxEvents;
  logger: Logger;
}

export type SandboxRouter = Router;
export type Ctx = RouterContext;
