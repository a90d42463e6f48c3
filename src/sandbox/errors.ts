/**
 * The three ways a sandbox route fails, each rendered the way Webex renders it: the REST error body
 * (`message`, `errors[].description`, `trackingId`), the OAuth token-endpoint body (`error`,
 * `error_description`), and an HTML page for browser-facing routes such as the sign-in page.
 */

/** Exact text Webex returns for a missing, invalid or expired access token (webex-api.md §1). */
export const INVALID_TOKEN_MESSAGE =
  'The request requires a valid access token set in the Authorization request header.';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(`${error}: ${description}`);
    this.name = 'OAuthError';
  }
}

export class PageError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
  ) {
    super(`${title}: ${detail}`);
    this.name = 'PageError';
  }
}

export interface WebexErrorBody {
  message: string;
  errors: { description: string }[];
  trackingId: string;
}

export function webexErrorBody(message: string, trackingId: string): WebexErrorBody {
  return { message, errors: [{ description: message }], trackingId };
}

export const notFound = (what: string): ApiError =>
  new ApiError(404, `The requested resource could not be found. (${what})`);

export const badRequest = (message: string): ApiError => new ApiError(400, message);
