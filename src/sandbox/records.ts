/**
 * What the sandbox remembers about traffic, for tests and the Controls page: webhook deliveries,
 * token-endpoint calls and REST calls, plus the faults waiting to be injected into REST calls.
 * None of these ever holds a token or a secret.
 */

export interface DeliveryRecord {
  webhookId: string;
  resource: string;
  event: string;
  dataId: string;
  targetUrl: string;
  /** The exact bytes sent, as UTF-8 text; carries ids only, never a secret. */
  body: string;
  statusCode?: number;
  error?: string;
  ok: boolean;
  durationMs: number;
  at: string;
}

export interface TokenCallRecord {
  grantType: string;
  at: string;
  status: number;
  /** `ok`, or the OAuth error code returned. */
  outcome: string;
  personId?: string;
}

export interface CallRecord {
  method: string;
  /** The route template, e.g. `GET /messages/{id}`, as Deputy names routes in its metrics. */
  route: string;
  /** Path and query under the API base, e.g. `/messages?roomId=...`. */
  path: string;
  status: number;
  /** The person whose token made the call, when the token was known. */
  personId?: string;
  at: string;
  /** JSON bodies only, with token and secret fields redacted. */
  requestBody?: unknown;
  responseBody?: unknown;
}

export type FaultStatus = 429 | 500 | 502 | 503 | 504;

export interface Fault {
  id: string;
  /** A route template, `*` for every REST route, or `POST /access_token (<grant type>)`. */
  route: string;
  status: FaultStatus;
  /** Calls still to be answered with this fault. */
  count: number;
  /** Seconds, sent as `Retry-After`. */
  retryAfter?: number;
  /** Only calls made with a token of this person match. */
  personId?: string;
}

/** How many records beyond its bound a record list may hold before it is trimmed back. */
export const TRIM_SLACK = 500;

/**
 * Appends to a list kept to its last `max` entries. It is trimmed back to `max` once it holds
 * TRIM_SLACK more, in one splice, rather than shifted on every append.
 */
export function appendBounded<T>(records: T[], record: T, max: number): void {
  records.push(record);
  if (records.length > max + TRIM_SLACK) records.splice(0, records.length - max);
}

/** The last `max` entries of a list kept with `appendBounded`, oldest first. */
export function lastOf<T>(records: readonly T[], max: number): T[] {
  return records.slice(-max);
}
