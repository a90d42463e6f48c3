/**
 * The record of REST calls behind `GET /sandbox/control/calls`: the last 5,000, each with its
 * JSON bodies so tests can hold them to the OpenAPI description. Token and secret fields are
 * replaced before a body is kept, so the record can be shown and logged freely.
 */
import type { CallRecord, SandboxState } from './state.js';

export const MAX_CALLS = 5_000;

/** Fields that carry credentials in Webex bodies: webhook secrets and OAuth token responses. */
const SECRET_FIELDS = new Set(['secret', 'access_token', 'refresh_token', 'id_token']);

export const REDACTED = '[redacted]';

export function recordCall(state: SandboxState, call: CallRecord): void {
  state.calls.push(call);
  if (state.calls.length > MAX_CALLS) state.calls.splice(0, state.calls.length - MAX_CALLS);
}

/** A deep copy of a JSON value with every secret field replaced; undefined stays undefined. */
export function redactedJson(value: unknown): unknown {
  if (value === undefined) return undefined;
  return JSON.parse(
    JSON.stringify(value, (key, inner: unknown) =>
      SECRET_FIELDS.has(key) && inner !== undefined ? REDACTED : inner,
    ),
  ) as unknown;
}
