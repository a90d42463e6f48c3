/**
 * The Redis the benchmark runs against: the one at REDIS_URL, or, when nothing answers there and
 * the URL points at this machine, a throwaway `redis-server` started for the run (no persistence,
 * so its disk writes do not blur the figures). Every key the run writes sits under its own prefix
 * and is removed at the end with SCAN + UNLINK, never FLUSHDB: other people share this Redis.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { progress, sleep } from './util.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export function benchRedis(url = REDIS_URL): Redis {
  return new Redis(url, { maxRetriesPerRequest: null });
}

async function answers(url: string): Promise<boolean> {
  const probe = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

/** Makes sure a Redis answers at `url`; returns the server it had to start, if any. */
export async function ensureRedis(url = REDIS_URL): Promise<ChildProcess | undefined> {
  if (await answers(url)) return undefined;
  const { hostname, port } = new URL(url);
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(hostname)) {
    throw new Error(`no Redis answers at ${url}; start one or set REDIS_URL`);
  }
  progress(`no Redis at ${url}; starting redis-server on port ${port || 6379} for this run`);
  const server = spawn(
    'redis-server',
    ['--port', port || '6379', '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const failed = new Promise<never>((_, reject) => {
    server.once('error', (error) =>
      reject(new Error(`cannot start redis-server: ${error.message}`)),
    );
  });
  for (let attempt = 0; attempt < 50; attempt++) {
    if (await Promise.race([answers(url), failed])) return server;
    await sleep(100);
  }
  server.kill('SIGKILL');
  throw new Error(`redis-server did not answer at ${url}`);
}

/** Deletes every key under `prefix:`, BullMQ's included. */
export async function removePrefix(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let removed = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) removed += await redis.unlink(...keys);
  } while (cursor !== '0');
  return removed;
}

/** One field of `INFO <section>`, e.g. `redis_version` or `used_memory`. */
export async function infoField(redis: Redis, section: string, field: string): Promise<string> {
  const text = await redis.info(section);
  const line = text.split('\r\n').find((l) => l.startsWith(`${field}:`));
  return line ? line.slice(field.length + 1) : '';
}
