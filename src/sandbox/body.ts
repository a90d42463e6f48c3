/**
 * Request bodies, read by the sandbox itself: Deputy installs no global body parser (its webhook
 * receiver needs the raw bytes), so each sandbox route that takes a body reads and parses it here.
 * The bytes are kept on the context, so the API gate and the route can both read them, and the
 * parsed JSON is kept too, for the record of REST calls.
 */
import { ApiError } from './errors.js';
import type { Ctx } from './context.js';

const LIMIT_BYTES = 1024 * 1024;
const RAW = 'sandboxRawBody';
const JSON_BODY = 'sandboxJsonBody';

export async function readRawBody(ctx: Ctx): Promise<Buffer> {
  const kept: unknown = ctx.state[RAW];
  if (kept instanceof Promise) return kept as Promise<Buffer>;
  const reading = readStream(ctx);
  ctx.state[RAW] = reading;
  return reading;
}

async function readStream(ctx: Ctx): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buffer.length;
    if (size > LIMIT_BYTES) throw new ApiError(413, 'Request entity too large.');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

export function isJson(ctx: Ctx): boolean {
  return typeof ctx.is('application/json', '+json') === 'string';
}

export function isForm(ctx: Ctx): boolean {
  return typeof ctx.is('application/x-www-form-urlencoded') === 'string';
}

/** A JSON object body, as the Webex REST API takes it; anything else is a 4xx in Webex's shape. */
export async function readJsonObject(ctx: Ctx): Promise<Record<string, unknown>> {
  if (!isJson(ctx)) {
    throw new ApiError(415, 'Content type must be application/json.');
  }
  const raw = await readRawBody(ctx);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new ApiError(400, 'The request body is not valid JSON.');
  }
  ctx.state[JSON_BODY] = parsed;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ApiError(400, 'The request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}

/** The JSON body a route parsed, if it did. */
export function parsedJsonBody(ctx: Ctx): unknown {
  return ctx.state[JSON_BODY];
}

/** An `application/x-www-form-urlencoded` body; the caller decides how to refuse other types. */
export async function readForm(ctx: Ctx): Promise<URLSearchParams> {
  const raw = await readRawBody(ctx);
  return new URLSearchParams(raw.toString('utf8'));
}
