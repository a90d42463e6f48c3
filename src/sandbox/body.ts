/**
 * Request bodies, read by the sandbox itself: Deputy installs no global body parser (its webhook
 * receiver needs the raw bytes), so each sandbox route that takes a body reads and parses it here.
 */
import { ApiError } from './errors.js';
import type { Ctx } from './context.js';

const LIMIT_BYTES = 1024 * 1024;

export async function readRawBody(ctx: Ctx): Promise<Buffer> {
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
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ApiError(400, 'The request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}

/** An `application/x-www-form-urlencoded` body; the caller decides how to refuse other types. */
export async function readForm(ctx: Ctx): Promise<URLSearchParams> {
  const raw = await readRawBody(ctx);
  return new URLSearchParams(raw.toString('utf8'));
}
