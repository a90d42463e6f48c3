import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_SCOPES, loadConfig } from '../../src/config/config.js';

const KEY = Buffer.alloc(32, 7).toString('base64');
const REAL = {
  WEBEX_CLIENT_ID: 'client',
  WEBEX_CLIENT_SECRET: 'secret-secret-secret',
  TOKEN_ENCRYPTION_KEY: KEY,
  WEBHOOK_SECRET: 'webhook-secret-webhook-secret',
  SESSION_SECRET: 'session-secret-session-secret',
};

function problemsOf(env: Record<string, string>, generateSandboxSecrets = true): string[] {
  try {
    loadConfig(env, { generateSandboxSecrets });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('runs the sandbox with defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.sandbox).toBe(true);
    expect(config.port).toBe(3000);
    expect(config.publicBaseUrl).toBe('http://localhost:3000');
    expect(config.webex.apiBaseUrl).toBe('http://localhost:3000/sandbox');
    expect(config.webex.scopes).toBe(DEFAULT_SCOPES);
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.keyPrefix).toBe('deputy');
    expect(config.tokenEncryptionKey).toHaveLength(32);
    expect(config.workerConcurrency).toBe(16);
    expect(config.reconcileIntervalSeconds).toBe(300);
    expect(config.adminToken).toBeUndefined();
    expect(config.logLevel).toBe('info');
  });

  it('uses real Webex once credentials are given', () => {
    const config = loadConfig({
      ...REAL,
      PORT: '8080',
      PUBLIC_BASE_URL: 'https://deputy.example.com/',
    });
    expect(config.sandbox).toBe(false);
    expect(config.webex.apiBaseUrl).toBe('https://webexapis.com/v1');
    expect(config.publicBaseUrl).toBe('https://deputy.example.com');
    expect(config.tokenEncryptionKey.equals(Buffer.alloc(32, 7))).toBe(true);
  });

  it('lists every bad value, one line each, naming the variable and what is expected', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      REDIS_URL: 'http://localhost',
      TOKEN_ENCRYPTION_KEY: 'c2hvcnQ=',
      LOG_LEVEL: 'loud',
      WORKER_CONCURRENCY: '0',
      PUBLIC_BASE_URL: 'localhost:3000',
    });
    expect(problems).toHaveLength(6);
    expect(problems.find((p) => p.startsWith('PORT:'))).toMatch(/whole number/);
    expect(problems.find((p) => p.startsWith('REDIS_URL:'))).toMatch(/redis:\/\//);
    expect(problems.find((p) => p.startsWith('TOKEN_ENCRYPTION_KEY:'))).toMatch(/32 bytes/);
    expect(problems.find((p) => p.startsWith('LOG_LEVEL:'))).toMatch(/one of/);
    expect(problems.find((p) => p.startsWith('WORKER_CONCURRENCY:'))).toBeDefined();
    expect(problems.find((p) => p.startsWith('PUBLIC_BASE_URL:'))).toMatch(/http/);
  });

  it('requires the secrets with real credentials', () => {
    const problems = problemsOf({ WEBEX_CLIENT_ID: 'client' });
    expect(problems).toEqual([
      expect.stringMatching(/^WEBEX_CLIENT_SECRET: missing/),
      expect.stringMatching(/^TOKEN_ENCRYPTION_KEY: missing/),
      expect.stringMatching(/^WEBHOOK_SECRET: missing/),
      expect.stringMatching(/^SESSION_SECRET: missing/),
    ]);
  });

  it('lists bad values and missing ones together', () => {
    const problems = problemsOf({ WEBEX_CLIENT_ID: 'client', PORT: 'x' });
    expect(problems[0]).toMatch(/^PORT:/);
    expect(problems).toContainEqual(expect.stringMatching(/^WEBEX_CLIENT_SECRET: missing/));
    expect(problems).toHaveLength(5);
  });

  it('requires shared secrets when web and worker run apart on the sandbox', () => {
    expect(problemsOf({}, false)).toHaveLength(3);
  });
});
