/**
 * Injected faults: "the next N calls to this route answer 429 (or a 5xx) instead of being
 * handled". A 429 carries `Retry-After` and an HTML body, as Webex documents (webex-api.md §8);
 * a 5xx carries Webex's JSON error body with a tracking id. Faults are consumed oldest first.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'koa';
import { badRequest, webexErrorBody } from './errors.js';
import { canonicalRoute } from './rest-routes.js';
import { findPerson, type Fault, type FaultStatus, type SandboxState } from './state.js';

/** The answers' wording, from the OpenAPI description of each status. */
const STATUS_TEXT: Record<FaultStatus, string> = {
  429: 'Too Many Requests',
  500: 'Internal Server Error: Something went wrong on the server.',
  502: 'Bad Gateway: The server received an invalid response from an upstream server. Try again later.',
  503: 'Service Unavailable: Server is overloaded with requests. Try again later.',
  504: 'Gateway Timeout: An upstream server failed to respond on time.',
};

export const FAULT_STATUSES = Object.keys(STATUS_TEXT).map(Number) as FaultStatus[];

export interface FaultRequest {
  route: string;
  status: number;
  count: number;
  retryAfter: number | undefined;
  personId: string | undefined;
}

export function addFault(state: SandboxState, request: FaultRequest): Fault {
  const route = canonicalRoute(request.route);
  if (route === undefined) {
    throw badRequest(
      `route must be * or one of the sandbox's REST routes, e.g. GET /messages/{id}`,
    );
  }
  if (!FAULT_STATUSES.includes(request.status as FaultStatus)) {
    throw badRequest(`status must be one of ${FAULT_STATUSES.join(', ')}`);
  }
  if (request.personId !== undefined && !findPerson(state, request.personId)) {
    throw badRequest('personId is not a sample person');
  }
  const fault: Fault = {
    id: randomUUID(),
    route,
    status: request.status as FaultStatus,
    count: request.count,
    ...(request.retryAfter !== undefined ? { retryAfter: request.retryAfter } : {}),
    ...(request.personId !== undefined ? { personId: request.personId } : {}),
  };
  state.faults.push(fault);
  return fault;
}

/** What is known about a call before it is handled. */
export interface CallFacts {
  route: string;
  personId: string | undefined;
  /** Only for `POST /access_token`. */
  grantType: string | undefined;
  /** Made with a sample person's personal access token, as tests and the page act as people. */
  personalToken: boolean;
}

function matches(fault: Fault, call: CallFacts): boolean {
  if (fault.personId !== undefined && fault.personId !== call.personId) return false;
  if (fault.route === '*' || fault.route === call.route) return true;
  return fault.route === `${call.route} (${call.grantType ?? ''})`;
}

/**
 * Finds the oldest fault for this call and uses one of its counts; synchronous, so no race.
 * Faults stand for Webex failing the integration: calls made with a personal access token are
 * the people typing and clicking, and are never faulted, so a test can type while Deputy fails.
 */
export function takeFault(state: SandboxState, call: CallFacts): Fault | undefined {
  if (call.personalToken) return undefined;
  const index = state.faults.findIndex((fault) => matches(fault, call));
  const fault = state.faults[index];
  if (!fault) return undefined;
  fault.count -= 1;
  if (fault.count <= 0) state.faults.splice(index, 1);
  return fault;
}

export function answerFault(ctx: Context, fault: Fault, trackingId: string): void {
  ctx.status = fault.status;
  if (fault.retryAfter !== undefined) ctx.set('Retry-After', String(fault.retryAfter));
  if (fault.status === 429) {
    ctx.type = 'text/html';
    ctx.body = `<html><head><title>429 Too Many Requests</title></head><body><h1>Too Many Requests</h1><p>The rate limit was exceeded. Retry after the number of seconds in the Retry-After header.</p></body></html>`;
    return;
  }
  ctx.body = webexErrorBody(STATUS_TEXT[fault.status], trackingId);
}
