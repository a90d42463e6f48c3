/**
 * Logging: pino, JSON lines. Fields that may hold secrets or personal data are replaced wherever
 * they appear in a log object, and at the top of a child logger's bindings, so no code path can
 * log a token by accident; a test checks that they stay removed.
 */
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** Field names that may hold a credential or personal data, wherever they appear in a log object. */
const SENSITIVE_KEYS = [
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'id_token',
  'code',
  'code_verifier',
  'codeVerifier',
  'client_secret',
  'clientSecret',
  'secret',
  'password',
  'authorization',
  'Authorization',
  'cookie',
  'Cookie',
  'set-cookie',
  'x-spark-signature',
  'email',
  'emails',
  'personEmail',
  'displayName',
  'text',
  'markdown',
  'html',
  'inputs',
];

const SENSITIVE = new Set(SENSITIVE_KEYS);
const REDACTED = '[redacted]';
/** Deeper than this, a log object is cut off rather than walked. */
const MAX_DEPTH = 8;

/**
 * The object with every sensitive field replaced, at any depth of plain objects and arrays.
 * Copies only what changes, so a log line without such fields costs one walk and no copy.
 * Errors, buffers and other class instances are left to pino's serializers.
 */
export function redactSensitive(object: Record<string, unknown>): Record<string, unknown> {
  return redactObject(object, 0);
}

function redactObject(object: Record<string, unknown>, depth: number): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(object)) {
    const inner = object[key];
    const next = SENSITIVE.has(key)
      ? inner === undefined
        ? undefined
        : REDACTED
      : redactValue(inner, depth + 1);
    if (next !== inner) {
      copy ??= { ...object };
      copy[key] = next;
    }
  }
  return copy ?? object;
}

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const isArray = Array.isArray(value);
  const prototype: unknown = Object.getPrototypeOf(value);
  if (!isArray && prototype !== Object.prototype && prototype !== null) return value;
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (!isArray) return redactObject(value as Record<string, unknown>, depth);
  const items = value as unknown[];
  let copy: unknown[] | undefined;
  items.forEach((item, index) => {
    const next = redactValue(item, depth + 1);
    if (next !== item) {
      copy ??= [...items];
      copy[index] = next;
    }
  });
  return copy ?? items;
}

export function createLogger(
  options: { level?: string; name?: string } = {},
  destination?: DestinationStream,
): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      name: options.name ?? 'deputy',
      // Log objects are walked whole (cheaper than a hundred wildcard redaction paths, and at
      // any depth); pino's redaction covers the top level of child loggers' bindings.
      formatters: { log: redactSensitive },
      redact: { paths: SENSITIVE_KEYS, censor: REDACTED },
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
