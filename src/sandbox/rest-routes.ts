/**
 * The REST routes the sandbox answers, named by template the way Deputy names them in its metrics
 * (`GET /messages/{id}`). The API gate uses the names to record calls and to match faults; the
 * browser-facing paths under /sandbox (pages, controls, assets, sign-in) are not REST calls.
 */

export const REST_ROUTES = [
  'GET /people/me',
  'GET /rooms',
  'GET /rooms/{id}',
  'GET /messages',
  'POST /messages',
  'GET /messages/{id}',
  'DELETE /messages/{id}',
  'POST /attachment/actions',
  'GET /attachment/actions/{id}',
  'GET /webhooks',
  'POST /webhooks',
  'GET /webhooks/{id}',
  'PUT /webhooks/{id}',
  'DELETE /webhooks/{id}',
  'POST /access_token',
] as const;

/** First path segments under /sandbox that belong to the browser side, not to the API. */
const PAGE_SEGMENTS = new Set(['', 'spaces', 'control', 'assets', 'authorize', 'avatars']);

const PATTERNS = REST_ROUTES.map((route) => {
  const [method = '', template = ''] = route.split(' ');
  const pattern = template.replace(/\{id\}/g, '[^/]+');
  return { route, method, regex: new RegExp(`^${pattern}$`) };
});

/** `/messages/abc` for a request to `/sandbox/messages/abc`; undefined outside the sandbox. */
export function apiPathOf(requestPath: string): string | undefined {
  if (requestPath !== '/sandbox' && !requestPath.startsWith('/sandbox/')) return undefined;
  return requestPath.slice('/sandbox'.length) || '/';
}

export function isPagePath(apiPath: string): boolean {
  return PAGE_SEGMENTS.has(apiPath.split('/')[1] ?? '');
}

/** The template of a known route; other paths are named as they are, e.g. `GET /people/xyz`. */
export function routeOf(method: string, apiPath: string): string {
  const upper = method.toUpperCase();
  const known = PATTERNS.find((p) => p.method === upper && p.regex.test(apiPath));
  return known?.route ?? `${upper} ${apiPath}`;
}

/**
 * A route as someone may write it, made canonical: the method upper-cased, a `/v1` prefix dropped
 * and any `{name}` placeholder written `{id}`, so `get /v1/messages/{messageId}` names
 * `GET /messages/{id}`. An optional ` (grant type)` after `POST /access_token` is kept.
 */
export function canonicalRoute(route: string): string | undefined {
  const trimmed = route.trim();
  if (trimmed === '*') return '*';
  const match = /^([A-Za-z]+)\s+(\S+)(?:\s+\((\w+)\))?$/.exec(trimmed);
  if (!match) return undefined;
  const [, method = '', path = '', grant] = match;
  const template = `${method.toUpperCase()} ${path.replace(/^\/v1(?=\/)/, '').replace(/\{[^}]*\}/g, '{id}')}`;
  if (!(REST_ROUTES as readonly string[]).includes(template)) return undefined;
  if (grant === undefined) return template;
  return template === 'POST /access_token' ? `${template} (${grant})` : undefined;
}
