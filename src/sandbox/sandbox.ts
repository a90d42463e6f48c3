/**
 * The sandbox: a local stand-in for the Webex REST API and a page to play the people in it,
 * mounted by Deputy's web process under `/sandbox`. Everything is in memory, for one process.
 */
import Router from '@koa/router';
import type { Logger } from '../log/logger.js';
import { apiGate } from './api-gate.js';
import { registerAssetRoutes } from './asset-routes.js';
import { registerAttachmentRoutes } from './attachment-routes.js';
import { registerAuthorizeRoutes } from './authorize-routes.js';
import { registerAvatarRoutes } from './avatar-routes.js';
import type { ResolvedOptions, SandboxDeps } from './context.js';
import { registerControlActionRoutes } from './control-action-routes.js';
import { registerControlRoutes } from './control-routes.js';
import { WebhookDeliverer } from './delivery.js';
import { notFound } from './errors.js';
import { SandboxEvents } from './events.js';
import { registerMessageRoutes } from './message-routes.js';
import { trackingAndErrors } from './middleware.js';
import { registerPageRoutes } from './page-routes.js';
import { registerPeopleRoutes } from './people-routes.js';
import { registerSpaceApiRoutes } from './space-api-routes.js';
import { createState } from './seed.js';
import type { SandboxState } from './state.js';
import { registerTokenRoutes } from './token-routes.js';
import { registerWebhookRoutes } from './webhook-routes.js';

export type { SandboxState };
export type {
  CallRecord,
  DeliveryRecord,
  Fault,
  SandboxAttachmentAction,
  SandboxMessage,
  SandboxPerson,
  SandboxRoom,
  SandboxSettings,
  SandboxWebhook,
  TokenCallRecord,
} from './state.js';

export interface SandboxOptions {
  /** The only client_id accepted at /authorize and /access_token. */
  clientId: string;
  /** The only client_secret accepted. */
  clientSecret: string;
  /** E.g. http://localhost:3000; the sandbox lives at `${publicBaseUrl}/sandbox`. */
  publicBaseUrl: string;
  /** Lifetime of the access tokens it issues (Webex: 1209599). */
  accessTokenSeconds: number;
  /** Lifetime of the refresh tokens it issues (Webex: 7775999). */
  refreshTokenSeconds: number;
  logger: Logger;
}

export interface Sandbox {
  /** All routes, paths already starting with /sandbox; parses its own request bodies. */
  router: Router;
  /** In-memory people, rooms, messages, webhooks, faults and the records of calls, for tests. */
  state: SandboxState;
  /** Resolves once no webhook delivery is in flight. */
  idle(): Promise<void>;
  /** Stops new deliveries and waits for those in flight. */
  close(): Promise<void>;
}

export function createSandbox(options: SandboxOptions): Sandbox {
  const publicBaseUrl = options.publicBaseUrl.replace(/\/+$/, '');
  const resolved: ResolvedOptions = {
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    publicBaseUrl,
    apiBaseUrl: `${publicBaseUrl}/sandbox`,
  };
  const logger = options.logger.child({ component: 'sandbox' });
  const state = createState({
    accessTokenSeconds: positive('accessTokenSeconds', options.accessTokenSeconds),
    refreshTokenSeconds: positive('refreshTokenSeconds', options.refreshTokenSeconds),
  });
  const deliverer = new WebhookDeliverer(state, logger);
  const deps: SandboxDeps = {
    state,
    options: resolved,
    events: new SandboxEvents(state, deliverer),
    logger,
  };

  const router = new Router();
  router.use(trackingAndErrors(logger));
  // Inside the error handling, so that a fault answer still carries a tracking id.
  router.use(apiGate(state, logger));
  registerAuthorizeRoutes(router, deps);
  registerTokenRoutes(router, deps);
  registerPeopleRoutes(router, deps);
  registerMessageRoutes(router, deps);
  registerAttachmentRoutes(router, deps);
  registerWebhookRoutes(router, deps);
  registerControlRoutes(router, deps);
  registerControlActionRoutes(router, deps);
  registerAvatarRoutes(router, deps);
  registerAssetRoutes(router, deps);
  registerPageRoutes(router, deps);
  registerSpaceApiRoutes(router, deps);
  // Anything else under /sandbox is a 404 in Webex's shape, not Koa's plain "Not Found".
  router.all('/sandbox/*rest', () => {
    throw notFound('route');
  });

  return {
    router,
    state,
    idle: () => deliverer.idle(),
    close: () => deliverer.close(),
  };
}

function positive(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`sandbox option ${name} must be a positive whole number of seconds`);
  }
  return value;
}
