/**
 * Checks request and response bodies against Webex's official messaging OpenAPI description
 * (reference/webex-messaging.openapi.json), so the sandbox and Deputy's client stay honest about
 * field names and types. Reusable: each function returns a list of problems, empty when valid.
 *
 * The file is read from `reference/` in the repository, or from $WEBEX_OPENAPI_PATH when set.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

const SPEC_ID = 'https://deputy.invalid/webex-messaging.openapi.json';
const FILE_NAME = 'webex-messaging.openapi.json';

interface Operation {
  requestBody?: { content?: Record<string, { schema?: object }> };
  responses?: Record<string, { content?: Record<string, { schema?: object }> }>;
}
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, object> };
}

/**
 * Corrections to the spec, each only where it is plainly wrong:
 * - `Attachment` was generated from the ECM file schema (`content` → `File`, with required
 *   `fileId`, `type`, `contentUrl`), while every example and webex-api.md §5 show a card
 *   attachment `{contentType, content: <AdaptiveCard>}`. Validating real cards against it would
 *   always fail, so it is replaced by the documented shape.
 * - The webhook `resource` and `event` enums leave out `all`, the firehose value that the
 *   webhooks guide documents (webex-api.md §3); it is added to the Webhook object and to the
 *   POST /webhooks request body. Nothing else of the spec is changed or skipped.
 */
function applyFixes(spec: Spec): void {
  spec.components.schemas['Attachment'] = {
    type: 'object',
    required: ['contentType', 'content'],
    properties: { contentType: { type: 'string' }, content: { type: 'object' } },
  };
  const request = spec.paths['/webhooks']?.['post']?.requestBody?.content?.['application/json'];
  for (const schema of [spec.components.schemas['Webhook'], request?.schema]) {
    const properties = (schema as { properties?: Record<string, { enum?: string[] }> } | undefined)
      ?.properties;
    for (const name of ['resource', 'event']) {
      const values = properties?.[name]?.enum;
      if (values && !values.includes('all')) values.push('all');
    }
  }
}

/**
 * The spec documents no body for 4xx/5xx; Webex's REST error shape comes from webex-api.md §8
 * (`message`, `errors[].description`, `trackingId`).
 */
const WEBEX_ERROR_SCHEMA = {
  type: 'object',
  required: ['message', 'errors', 'trackingId'],
  properties: {
    message: { type: 'string', minLength: 1 },
    errors: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['description'],
        properties: { description: { type: 'string' } },
      },
    },
    trackingId: { type: 'string', minLength: 1 },
  },
};

let loaded: { spec: Spec; ajv: Ajv; cache: Map<string, ValidateFunction> } | undefined;

export function openApiPath(): string {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const candidates = [
    process.env['WEBEX_OPENAPI_PATH'],
    resolve(root, 'reference', FILE_NAME),
  ].filter((path): path is string => path !== undefined && path !== '');
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new Error(`${FILE_NAME} not found; looked in ${candidates.join(', ')}`);
  return found;
}

function load() {
  if (loaded) return loaded;
  const spec = JSON.parse(readFileSync(openApiPath(), 'utf8')) as Spec;
  const ajv = new Ajv({ strict: false, allErrors: true });
  // A CommonJS module seen from ESM: its plugin function is both the module and its `default`.
  addFormats.default(ajv);
  applyFixes(spec);
  ajv.addSchema({ $id: SPEC_ID, components: { schemas: spec.components.schemas } });
  ajv.addSchema({ $id: `${SPEC_ID}/webex-error`, ...WEBEX_ERROR_SCHEMA });
  loaded = { spec, ajv, cache: new Map() };
  return loaded;
}

/** Path-level schemas point at `#/components/...` of the spec; make them point at the added one. */
function absoluteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(absoluteRefs);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] =
      key === '$ref' && typeof inner === 'string' && inner.startsWith('#/')
        ? `${SPEC_ID}${inner}`
        : absoluteRefs(inner);
  }
  return out;
}

/** Accepts `/webhooks/abc`, `/sandbox/webhooks/abc?max=1` or a full URL; returns the template. */
function findOperation(
  method: string,
  path: string,
): { template: string; op: Operation } | undefined {
  const { spec } = load();
  let pathname = path.startsWith('http') ? new URL(path).pathname : (path.split('?')[0] ?? '');
  pathname = pathname.replace(/^\/(sandbox|v1)(?=\/)/, '');
  const templates = Object.keys(spec.paths).sort(
    (a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0),
  );
  for (const template of templates) {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    const op = spec.paths[template]?.[method.toLowerCase()];
    if (pattern.test(pathname) && op) return { template, op };
  }
  return undefined;
}

function check(key: string, schema: object, body: unknown): string[] {
  const { ajv, cache } = load();
  let validate = cache.get(key);
  if (!validate) {
    validate = ajv.compile(absoluteRefs(schema) as object);
    cache.set(key, validate);
  }
  if (validate(body)) return [];
  return (validate.errors ?? []).map(
    (error) => `${key}: ${error.instancePath || '/'} ${error.message ?? 'is invalid'}`,
  );
}

export function validateResponse(
  method: string,
  path: string,
  status: number,
  body: unknown,
): string[] {
  const found = findOperation(method, path);
  if (!found) return [`no operation ${method.toUpperCase()} ${path} in the OpenAPI description`];
  const key = `${method.toUpperCase()} ${found.template} ${status}`;
  const response = found.op.responses?.[String(status)];
  if (!response) return [`${key}: status not documented`];
  const schema = response.content?.['application/json']?.schema;
  if (schema) return check(key, schema, body);
  if (status >= 400) return check(`${key} (Webex error)`, { $ref: `${SPEC_ID}/webex-error` }, body);
  return body === undefined || body === null || body === '' ? [] : [`${key}: expected no body`];
}

export function validateRequest(method: string, path: string, body: unknown): string[] {
  const found = findOperation(method, path);
  if (!found) return [`no operation ${method.toUpperCase()} ${path} in the OpenAPI description`];
  const key = `${method.toUpperCase()} ${found.template} request`;
  const schema = found.op.requestBody?.content?.['application/json']?.schema;
  if (!schema) return [`${key}: no JSON request body documented`];
  return check(key, schema, body);
}
