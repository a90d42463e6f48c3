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

/** Keys whose Error values pino's error serializer turns into objects; redacted after that. */
const ERROR_KEYS = new Set(['err', 'error']);

/**
 * The object with every sensitive field replaced, at any depth: in plain objects, arrays,
 * errors and the enumerable fields of class instances. Copies only what changes, so a log line
 * without such fields costs one walk and no copy. Values with a `toJSON` (dates, buffers) are
 * left as they are. The Error under `err` or `error` is left to the error serializer below.
 */
function redactSensitive(object: Record<string, unknown>): Record<string, unknown> {
  return redactObject(object, 0);
}

/** pino's error serializer, with sensitive fields of the error (and its causes) redacted. */
function serializeError(value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  return redactObject(pino.stdSerializers.err(value) as unknown as Record<string, unknown>, 0);
}

function redactObject(object: Record<string, unknown>, depth: number): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(object)) {
    const inner = object[key];
    const next = SENSITIVE.has(key)
      ? inner === undefined
        ? undefined
        : REDACTED
      : depth === 0 && ERROR_KEYS.has(key) && inner instanceof Error
        ? inner
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
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (value instanceof Error) return serializeError(value);
  const isArray = Array.isArray(value);
  if (!isArray) {
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
    // A class instance prints as its own enumerable fields, so a plain copy prints the same.
    return redactObject(value as Record<string, unknown>, depth);
  }
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
  const logger = pino(
    {
      level: options.level ?? 'info',
      name: options.name ?? 'deputy',
      // Log objects and bindings are walked whole: cheaper than a hundred wildcard redaction
      // paths on every line, and at any depth.
      formatters: { log: redactSensitive },
      serializers: { err: serializeError, error: serializeError },
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
  // Bindings are serialised once, when a child is made; pino's bindings formatter covers only
  // the root's, so every child's go through the same walk here. Children inherit this method.
  const child = logger.child;
  logger.child = function (this: Logger, bindings, childOptions) {
    return child.call(this, redactSensitive(bindings), childOptions);
  } as Logger['child'];
  return logger;
}
