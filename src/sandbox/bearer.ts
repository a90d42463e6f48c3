/**
 * Who is calling: the bearer token of a REST request, resolved to a sample person and the grant
 * (integration token or personal access token). Expired, unknown and missing tokens all get the
 * same 401 body Webex sends.
 */
import type { Ctx } from './context.js';
import { ApiError, INVALID_TOKEN_MESSAGE } from './errors.js';
import {
  findPerson,
  now,
  type AccessGrant,
  type SandboxPerson,
  type SandboxState,
} from './state.js';

export interface Caller {
  person: SandboxPerson;
  grant: AccessGrant;
}

export function authenticate(state: SandboxState, ctx: Ctx): Caller {
  const grant = bearerGrant(state, ctx);
  if (!grant || grant.expiresAt <= now(state)) {
    throw new ApiError(401, INVALID_TOKEN_MESSAGE);
  }
  const person = findPerson(state, grant.personId);
  if (!person) throw new ApiError(401, INVALID_TOKEN_MESSAGE);
  return { person, grant };
}

/**
 * Coarse scope check so that a Deputy asking for too few scopes fails here as it would at Webex.
 * The 403 wording is the sandbox's own; Webex's exact text for this case is not documented.
 */
export function requireScope(caller: Caller, scope: string): void {
  const granted = caller.grant.scope.split(' ');
  if (granted.includes(scope) || granted.includes('spark:all')) return;
  throw new ApiError(
    403,
    `The access token does not have the scope this request needs (${scope}).`,
  );
}

/** The grant behind a request's bearer token, whether or not it is still valid. */
export function bearerGrant(state: SandboxState, ctx: Ctx): AccessGrant | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(ctx.get('Authorization'));
  return match?.[1] ? state.accessTokens.get(match[1]) : undefined;
}
