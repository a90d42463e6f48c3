/**
 * The gate every REST call passes. It answers with a pending fault instead of handling the call,
 * waits the configured latency after handling (webhook deliveries start while the call is
 * handled, so with latency they reach the receiver before the answer does, as they can at Webex),
 * and records the call with its JSON bodies. Pages, controls and assets pass straight through.
 */
import { Stream } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import type { Middleware } from 'koa';
import type { Logger } from '../log/logger.js';
import { bearerGrant } from './bearer.js';
import { isForm, isJson, parsedJsonBody, readForm, readRawBody } from './body.js';
import { recordCall } from './call-log.js';
import type { Ctx } from './context.js';
import { answerFault, takeFault, type CallFacts } from './faults.js';
import { renderError, trackingIdOf } from './middleware.js';
import { apiPathOf, isPagePath, routeOf } from './rest-routes.js';
import { isoNow, type SandboxState } from './state.js';

export function apiGate(state: SandboxState, logger: Logger): Middleware {
  return async (koaCtx, next) => {
    const ctx = koaCtx as Ctx;
    const apiPath = apiPathOf(ctx.path);
    if (apiPath === undefined || isPagePath(apiPath)) return next();
    const at = isoNow(state);
    const facts = await factsOf(state, ctx, routeOf(ctx.method, apiPath));
    const fault = takeFault(state, facts);
    if (fault) {
      answerFault(ctx, fault, trackingIdOf(ctx));
    } else {
      try {
        await next();
      } catch (error) {
        renderError(ctx, error, logger);
      }
    }
    const latency = state.settings.latencyMs;
    if (latency > 0) await delay(latency);
    recordCall(
      state,
      {
        method: ctx.method,
        route: facts.route,
        path: `${apiPath}${ctx.search}`,
        status: ctx.status,
        ...(facts.personId !== undefined ? { personId: facts.personId } : {}),
        at,
      },
      {
        request: fault ? await unhandledJson(ctx) : parsedJsonBody(ctx),
        response: jsonBodyOf(ctx.body),
      },
    );
  };
}

/**
 * Who is calling and, for the token endpoint, with which grant: read from the form there (the
 * person behind the code or refresh token), from the bearer token everywhere else.
 */
async function factsOf(state: SandboxState, ctx: Ctx, route: string): Promise<CallFacts> {
  if (route !== 'POST /access_token') {
    const grant = bearerGrant(state, ctx);
    return {
      route,
      personId: grant?.personId,
      grantType: undefined,
      personalToken: grant !== undefined && grant.clientId === undefined,
    };
  }
  // A body that cannot be read is left to the route, which reports it from the same kept read.
  const form = isForm(ctx) ? await readForm(ctx).catch(() => undefined) : undefined;
  const grantType = form?.get('grant_type') ?? undefined;
  let personId: string | undefined;
  if (grantType === 'authorization_code') {
    personId = state.authorizationCodes.get(form?.get('code') ?? '')?.personId;
  } else if (grantType === 'refresh_token') {
    personId = state.refreshTokens.get(form?.get('refresh_token') ?? '')?.personId;
  }
  return { route, personId, grantType, personalToken: false };
}

/** The JSON a faulted call carried, which no route read. */
async function unhandledJson(ctx: Ctx): Promise<unknown> {
  if (!isJson(ctx)) return undefined;
  try {
    return JSON.parse((await readRawBody(ctx)).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function jsonBodyOf(body: unknown): unknown {
  if (typeof body !== 'object' || body === null) return undefined;
  if (Buffer.isBuffer(body) || body instanceof Stream) return undefined;
  return body;
}
