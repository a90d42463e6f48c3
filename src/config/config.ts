/**
 * Configuration: every environment variable Deputy reads, parsed once at start.
 * A bad value never reaches the rest of the code; loadConfig throws a ConfigError
 * that lists one line per problem.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';

export const DEFAULT_SCOPES =
  'spark:kms spark:people_read spark:rooms_read spark:messages_read spark:messages_write';

/** The client id the sandbox accepts; used when no real Webex credentials are configured. */
export const SANDBOX_CLIENT_ID = 'deputy-sandbox';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const integer = (fallback: number, min: number, max: number) =>
  optionalText.pipe(
    z
      .string()
      .regex(/^\d+$/, `expected a whole number from ${min} to ${max}`)
      .transform(Number)
      .pipe(
        z
          .number()
          .int()
          .min(min, `expected a whole number from ${min} to ${max}`)
          .max(max, `expected a whole number from ${min} to ${max}`),
      )
      .optional()
      .transform((value) => value ?? fallback),
  );

const httpUrl = z
  .string()
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'expected an http:// or https:// URL')
  .transform((value) => value.replace(/\/+$/, ''));

const base64Key = optionalText.pipe(
  z
    .string()
    .refine(
      (value) => /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === 32,
      'expected 32 bytes encoded as base64 (openssl rand -base64 32)',
    )
    .transform((value) => Buffer.from(value, 'base64'))
    .optional(),
);

const secret = optionalText.pipe(z.string().min(16, 'expected at least 16 characters').optional());

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const schema = z.object({
  PORT: integer(3000, 0, 65535),
  PUBLIC_BASE_URL: optionalText.pipe(httpUrl.optional()),
  WEBEX_CLIENT_ID: optionalText,
  WEBEX_CLIENT_SECRET: optionalText,
  WEBEX_API_BASE_URL: optionalText.pipe(httpUrl.optional()),
  WEBEX_SCOPES: optionalText.transform((value) => value ?? DEFAULT_SCOPES),
  REDIS_URL: optionalText.pipe(
    z
      .string()
      .regex(/^rediss?:\/\//, 'expected a redis:// or rediss:// URL')
      .optional()
      .transform((value) => value ?? 'redis://127.0.0.1:6379'),
  ),
  KEY_PREFIX: optionalText.pipe(
    z
      .string()
      .regex(
        /^[A-Za-z0-9_.-]{1,64}$/,
        'expected 1 to 64 letters, digits, dots, dashes or underscores',
      )
      .optional()
      .transform((value) => value ?? 'deputy'),
  ),
  TOKEN_ENCRYPTION_KEY: base64Key,
  TOKEN_ENCRYPTION_KEY_PREVIOUS: base64Key,
  WEBHOOK_SECRET: secret,
  WEBHOOK_SECRET_PREVIOUS: secret,
  SESSION_SECRET: secret,
  WORKER_CONCURRENCY: integer(16, 1, 1000),
  RECONCILE_INTERVAL_SECONDS: integer(300, 1, 86_400),
  ADMIN_TOKEN: secret,
  LOG_LEVEL: optionalText.pipe(
    z
      .enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` })
      .optional()
      .transform((value) => value ?? 'info'),
  ),
  SANDBOX_ACCESS_TOKEN_SECONDS: integer(1_209_600, 1, 1_209_600),
  SANDBOX_REFRESH_TOKEN_SECONDS: integer(7_776_000, 1, 7_776_000),
});

export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  port: number;
  publicBaseUrl: string;
  /** True when no Webex credentials are set: the in-process sandbox stands in for Webex. */
  sandbox: boolean;
  webex: {
    clientId: string;
    clientSecret: string;
    apiBaseUrl: string;
    scopes: string;
  };
  redisUrl: string;
  keyPrefix: string;
  tokenEncryptionKey: Buffer;
  /** The key tokens were encrypted with before a rotation; read, never written. */
  previousTokenEncryptionKey: Buffer | undefined;
  webhookSecret: string;
  /** The master webhook secret before a rotation; its signatures are still accepted. */
  previousWebhookSecret: string | undefined;
  sessionSecret: string;
  workerConcurrency: number;
  reconcileIntervalSeconds: number;
  adminToken: string | undefined;
  logLevel: LogLevel;
  sandboxTokenLifetimes: { accessSeconds: number; refreshSeconds: number };
}

export interface LoadOptions {
  /**
   * Whether secrets missing in sandbox mode may be generated for this run. Only a process that
   * runs web and worker together can do that: split processes must share the same secrets.
   */
  generateSandboxSecrets: boolean;
}

export function loadConfig(
  env: Record<string, string | undefined>,
  options: LoadOptions = { generateSandboxSecrets: true },
): Config {
  const parsed = schema.safeParse(env);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  // The rules between variables are checked on what was set, so that every problem is listed
  // at once, not only those of the first kind.
  const given = (name: string) => (env[name] ?? '').trim() !== '';
  const sandbox = !given('WEBEX_CLIENT_ID');
  if (!sandbox && !given('WEBEX_CLIENT_SECRET')) {
    problems.push('WEBEX_CLIENT_SECRET: missing; it is required when WEBEX_CLIENT_ID is set');
  }
  if (sandbox && given('WEBEX_CLIENT_SECRET')) {
    problems.push('WEBEX_CLIENT_ID: missing; it is required when WEBEX_CLIENT_SECRET is set');
  }
  const canGenerate = sandbox && options.generateSandboxSecrets;
  for (const name of ['TOKEN_ENCRYPTION_KEY', 'WEBHOOK_SECRET', 'SESSION_SECRET']) {
    if (given(name) || canGenerate) continue;
    problems.push(
      sandbox
        ? `${name}: missing; web and worker started apart must share it (only npm start can make one)`
        : `${name}: missing; it is required with real Webex credentials`,
    );
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);

  const values = parsed.data;
  const tokenEncryptionKey = values.TOKEN_ENCRYPTION_KEY ?? randomBytes(32);
  const webhookSecret = values.WEBHOOK_SECRET ?? randomBytes(24).toString('base64url');
  const sessionSecret = values.SESSION_SECRET ?? randomBytes(24).toString('base64url');

  const publicBaseUrl = values.PUBLIC_BASE_URL ?? `http://localhost:${values.PORT}`;
  return {
    port: values.PORT,
    publicBaseUrl,
    sandbox,
    webex: {
      clientId: values.WEBEX_CLIENT_ID ?? SANDBOX_CLIENT_ID,
      clientSecret: values.WEBEX_CLIENT_SECRET ?? sandboxClientSecret(webhookSecret),
      apiBaseUrl:
        values.WEBEX_API_BASE_URL ??
        (sandbox ? `${publicBaseUrl}/sandbox` : 'https://webexapis.com/v1'),
      scopes: values.WEBEX_SCOPES,
    },
    redisUrl: values.REDIS_URL,
    keyPrefix: values.KEY_PREFIX,
    tokenEncryptionKey,
    previousTokenEncryptionKey: values.TOKEN_ENCRYPTION_KEY_PREVIOUS,
    webhookSecret,
    previousWebhookSecret: values.WEBHOOK_SECRET_PREVIOUS,
    sessionSecret,
    workerConcurrency: values.WORKER_CONCURRENCY,
    reconcileIntervalSeconds: values.RECONCILE_INTERVAL_SECONDS,
    adminToken: values.ADMIN_TOKEN,
    logLevel: values.LOG_LEVEL,
    sandboxTokenLifetimes: {
      accessSeconds: values.SANDBOX_ACCESS_TOKEN_SECONDS,
      refreshSeconds: values.SANDBOX_REFRESH_TOKEN_SECONDS,
    },
  };
}

/**
 * The sandbox's client secret, derived from the webhook secret so that split web and worker
 * processes, which must share that secret anyway, agree on it without one more variable.
 */
function sandboxClientSecret(webhookSecret: string): string {
  return createHmac('sha256', webhookSecret).update('sandbox client secret').digest('base64url');
}
