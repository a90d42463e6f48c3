/**
 * Logging: pino, JSON lines. Secrets and personal data are removed by redaction paths so that
 * no code path can log a token by accident, and a test checks that they stay removed.
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

const REDACT_PATHS = SENSITIVE_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

export function createLogger(
  options: { level?: string; name?: string } = {},
  destination?: DestinationStream,
): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      name: options.name ?? 'deputy',
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
