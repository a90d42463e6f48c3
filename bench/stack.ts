/**
 * The system under test, assembled for a run: Deputy's web process (with the sandbox in it, as
 * when no WEBEX_CLIENT_ID is set), the sample people connected through the OAuth flow, worker
 * processes added on demand, and the bench's own handle on the event queue. The three secrets
 * are made here once and handed to every process, as split web and worker processes need.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { EVENT_QUEUE } from '../src/queue/event-queue.js';
import { startDeputy, type Child } from './children.js';
import { connectPerson } from './connect.js';
import { emptyQueue } from './receiver.js';
import { infoField, REDIS_URL } from './redis.js';
import { SandboxClient, type SamplePerson } from './sandbox.js';
import { freePort, progress } from './util.js';

export interface Stack {
  prefix: string;
  base: string;
  env: Record<string, string>;
  tokenEncryptionKey: Buffer;
  web: Child;
  workers: Child[];
  sandbox: SandboxClient;
  people: SamplePerson[];
  roomIds: string[];
  queue: Queue;
  redis: Redis;
  /** Empties the queue and the people's backlog counters (see emptyQueue). */
  resetQueue(): Promise<void>;
  /** Redis's own process when it runs on this machine, for its CPU time; else empty. */
  redisPids: number[];
  /** Starts worker processes until `count` run. */
  workersUpTo(count: number): Promise<void>;
  /** Every child started, web first. */
  children(): Child[];
  close(): Promise<void>;
}

export async function startStack(redis: Redis, workerConcurrency: number): Promise<Stack> {
  const prefix = `bench-${randomBytes(4).toString('hex')}`;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const tokenEncryptionKey = randomBytes(32);
  const env = {
    PORT: String(port),
    PUBLIC_BASE_URL: base,
    REDIS_URL,
    KEY_PREFIX: prefix,
    TOKEN_ENCRYPTION_KEY: tokenEncryptionKey.toString('base64'),
    WEBHOOK_SECRET: randomBytes(24).toString('base64url'),
    SESSION_SECRET: randomBytes(24).toString('base64url'),
    WORKER_CONCURRENCY: String(workerConcurrency),
    LOG_LEVEL: 'info',
  };
  progress(`starting Deputy's web process at ${base} (key prefix ${prefix})`);
  const web = await startDeputy('web', 'web', env);
  const workers: Child[] = [];
  const sandbox = new SandboxClient(base);
  const queue = new Queue(EVENT_QUEUE, { connection: redis, prefix });
  const stack: Stack = {
    prefix,
    base,
    env,
    tokenEncryptionKey,
    web,
    workers,
    sandbox,
    people: [],
    roomIds: [],
    queue,
    redis,
    resetQueue: () =>
      emptyQueue(
        queue,
        redis,
        prefix,
        stack.people.map((person) => person.id),
      ),
    redisPids: await localRedisPid(redis),
    async workersUpTo(count) {
      while (workers.length < count) {
        progress(`starting worker process ${workers.length + 1}`);
        const workerEnv = { ...env, WEBEX_API_BASE_URL: `${base}/sandbox` };
        workers.push(await startDeputy(`worker-${workers.length + 1}`, 'worker', workerEnv));
      }
    },
    children: () => [web, ...workers],
    async close() {
      await queue.close();
      await sandbox.close();
      await Promise.allSettled([...workers, web].map((child) => child.stop()));
    },
  };
  stack.people = await sandbox.people();
  stack.roomIds = await sandbox.roomIds();
  progress(`connecting ${stack.people.length} sample people through the OAuth flow`);
  for (const person of stack.people) await connectPerson(base, person.id);
  return stack;
}

/** INFO's process_id names a process here only if Redis runs on this machine (and not in a container). */
async function localRedisPid(redis: Redis): Promise<number[]> {
  const pid = Number(await infoField(redis, 'server', 'process_id'));
  if (!pid) return [];
  try {
    const command = readFileSync(`/proc/${pid}/comm`, 'utf8');
    return command.startsWith('redis') ? [pid] : [];
  } catch {
    return [];
  }
}
