/**
 * Redis connections. Every connection gets an error listener (an ioredis client without one
 * crashes the process on ECONNREFUSED) and keeps reconnecting for as long as the process runs,
 * so web and worker carry on by themselves when Redis comes back.
 */
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../log/logger.js';

export type ConnectionRole =
  /** Blocking or long-lived use by BullMQ workers: commands wait for Redis to come back. */
  | 'worker'
  /** Request paths: fail fast while Redis is away, so the caller can answer 503 at once. */
  | 'request';

export function connectionOptions(role: ConnectionRole): RedisOptions {
  const common: RedisOptions = {
    // Never give up: reconnect every 0.1 s to 2 s, forever.
    retryStrategy: (attempt) => Math.min(100 * attempt, 2000),
    connectTimeout: 2000,
    lazyConnect: false,
  };
  return role === 'worker'
    ? { ...common, maxRetriesPerRequest: null, enableOfflineQueue: true }
    : { ...common, maxRetriesPerRequest: 1, enableOfflineQueue: false };
}

export function createRedis(
  url: string,
  role: ConnectionRole,
  logger: Logger,
  /** Share socket writes between the commands of one event-loop turn; see CoalescingRedis. */
  options: { coalesce?: boolean } = {},
): Redis {
  const redis = options.coalesce
    ? new CoalescingRedis(url, connectionOptions(role))
    : new Redis(url, connectionOptions(role));
  let down = false;
  redis.on('error', (error: Error) => {
    if (!down) logger.warn({ role, reason: error.message }, 'redis connection error');
    down = true;
  });
  redis.on('ready', () => {
    if (down) logger.info({ role }, 'redis connection restored');
    down = false;
  });
  return redis;
}

/** Closes a connection politely, and forcibly if Redis does not answer in time. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  try {
    await Promise.race([
      redis.quit(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('quit timed out')), 1000)),
    ]);
  } catch {
    redis.disconnect();
  }
}

/** Waits until the connection is ready, or the time is up; says which. */
export async function waitUntilReady(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (redis.status === 'ready') return true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      resolve(false);
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve(true);
    };
    redis.once('ready', onReady);
  });
}

/**
 * A connection that gathers the commands sent during one turn of the event loop into one socket
 * write: the first command of a turn corks the socket, and it is uncorked once the turn's I/O
 * callbacks have run. Concurrent requests or jobs then share a write, which on a machine where a
 * write is a costly system call is most of what a command costs the client. A lone command waits
 * only for the end of the turn.
 */
class CoalescingRedis extends Redis {
  private corked = false;

  constructor(url: string, options: Omit<RedisOptions, 'replyMapping'>) {
    super(url, options);
  }

  override sendCommand(...args: Parameters<Redis['sendCommand']>): unknown {
    if (!this.corked && this.status === 'ready') {
      const stream = this.stream;
      this.corked = true;
      stream.cork();
      setImmediate(() => {
        this.corked = false;
        stream.uncork();
      });
    }
    return super.sendCommand(...args);
  }
}
