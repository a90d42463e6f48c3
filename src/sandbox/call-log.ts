/**
 * The record of REST calls behind `GET /sandbox/control/calls`: the last 5,000, each with its
 * JSON bodies so tests can hold them to the OpenAPI description. A body is kept as JSON text,
 * which is cheap to take on every call, and parsed only when the record is read, with every
 * token and secret field replaced, so the record can be shown and logged freely.
 */
import { appendBounded, lastOf, TRIM_SLACK } from './records.js';
import type { CallRecord, SandboxState } from './state.js';

export const MAX_CALLS = 5_000;
export { TRIM_SLACK };

/** Fields that carry credentials in Webex bodies: webhook secrets and OAuth token responses. */
const SECRET_FIELDS = new Set(['secret', 'access_token', 'refresh_token', 'id_token']);

export const REDACTED = '[redacted]';

type CallFields = Omit<CallRecord, 'requestBody' | 'responseBody'>;

export function recordCall(
  state: SandboxState,
  call: CallFields,
  bodies: { request?: unknown; response?: unknown } = {},
): void {
  const record: CallRecord = { ...call };
  keepBody(record, 'requestBody', bodies.request);
  keepBody(record, 'responseBody', bodies.response);
  appendBounded(state.calls, record, MAX_CALLS);
}

/** The last MAX_CALLS calls, oldest first. */
export function keptCalls(state: SandboxState): CallRecord[] {
  return lastOf(state.calls, MAX_CALLS);
}

/** Adds `field` to the record as a property that parses the body's text when first read. */
function keepBody(record: CallRecord, field: 'requestBody' | 'responseBody', body: unknown): void {
  if (body === undefined) return;
  const text = JSON.stringify(body);
  if (text === undefined) return;
  let parsed: { value: unknown } | undefined;
  Object.defineProperty(record, field, {
    enumerable: true,
    configurable: true,
    get: () => (parsed ??= { value: JSON.parse(text, redactSecrets) as unknown }).value,
  });
}

function redactSecrets(key: string, value: unknown): unknown {
  return SECRET_FIELDS.has(key) && value !== undefined ? REDACTED : value;
}
