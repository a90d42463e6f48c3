/** The one error type for every failed Webex call: HTTP status, Webex's message and tracking id. */

export class WebexApiError extends Error {
  override readonly name = 'WebexApiError';

  constructor(
    /** HTTP status, or 0 when no response arrived (network error, timeout). */
    readonly status: number,
    message: string,
    /** Webex's tracking id (body `trackingId` or the `Trackingid` header), for support requests. */
    readonly trackingId: string | undefined,
    /** `METHOD /path-template`, e.g. `GET /messages/{id}`; never holds ids or tokens. */
    readonly route: string,
    /** Seconds to wait before trying again, from `Retry-After`, when the server sent one. */
    readonly retryAfterSeconds?: number,
    /** The OAuth `error` code of a token-endpoint refusal, e.g. `invalid_grant`. */
    readonly oauthError?: string,
  ) {
    super(message);
  }

  /** 5xx and network errors may succeed later; 429 is handled on its own. */
  get transient(): boolean {
    return this.status === 0 || this.status >= 500;
  }

  get rateLimited(): boolean {
    return this.status === 429;
  }
}

/** Reads `Retry-After` as delta-seconds or as an HTTP-date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}
