/**
 * A deployment in miniature for the reliability tests: a Redis of its own on a free port (so it
 * can be stopped), a web process with the sandbox, and worker processes, all real processes
 * driven over HTTP.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { TestBrowser, api } from '../support/http.js';
import { freePort, type SamplePerson } from '../support/deputy.js';
import { startProcess, type DeputyProcess } from '../support/processes.js';

export interface OwnRedis {
  url: string;
  port: number;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const own: OwnRedis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      child = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        {
          stdio: 'ignore',
        },
      );
      const probe = new Redis(own.url, {
        lazyConnect: true,
        retryStrategy: () => null,
        maxRetriesPerRequest: 0,
      });
      probe.on('error', () => undefined);
      for (let i = 0; i < 100; i++) {
        try {
          await probe.connect();
          await probe.ping();
          probe.disconnect();
          return;
        } catch {
          await sleep(50);
        }
      }
      throw new Error(`redis-server did not start on ${port}`);
    },
    async stop() {
      if (!child || child.exitCode !== null) return;
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
  await own.start();
  return own;
}

export interface Cluster {
  base: string;
  redis: OwnRedis;
  web: DeputyProcess;
  workers: DeputyProcess[];
  env: Record<string, string>;
  people: SamplePerson[];
  person(name: string): SamplePerson;
  startWorker(): Promise<DeputyProcess>;
  close(): Promise<void>;
}

export async function startCluster(options: {
  workers: number;
  env?: Record<string, string>;
}): Promise<Cluster> {
  const redis = await startOwnRedis();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    REDIS_URL: redis.url,
    KEY_PREFIX: 'deputy-reliability',
    PORT: String(port),
    PUBLIC_BASE_URL: base,
    WEBEX_API_BASE_URL: `${base}/sandbox`,
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    WEBHOOK_SECRET: randomBytes(16).toString('hex'),
    SESSION_SECRET: randomBytes(16).toString('hex'),
    LOG_LEVEL: 'info',
    ...options.env,
  };
  const web = await startProcess('web', env);
  const startWorker = () => startProcess('worker', env);
  const workers = await Promise.all(Array.from({ length: options.workers }, startWorker));
  const people = (await api<SamplePerson[]>('GET', `${base}/sandbox/control/people`, 'none')).body;
  return {
    base,
    redis,
    web,
    workers,
    env,
    people,
    person(name) {
      const found = people.find((p) => p.displayName.startsWith(name));
      if (!found) throw new Error(`no sample person named ${name}`);
      return found;
    },
    async startWorker() {
      const worker = await startWorker();
      workers.push(worker);
      return worker;
    },
    async close() {
      for (const process of [...workers, web]) {
        if (process.child.exitCode === null) process.child.kill('SIGKILL');
      }
      await redis.stop();
    },
  };
}

/** Connects a person through the sandbox's sign-in, over HTTP. */
export async function connect(cluster: Cluster, person: SamplePerson): Promise<TestBrowser> {
  const browser = new TestBrowser(cluster.base);
  const login = await browser.get('/oauth/login');
  const page = await browser.get(login.location!);
  const requestId = /name="request" value="([^"]+)"/.exec(page.text)![1]!;
  const accepted = await browser.postForm('/sandbox/authorize', {
    request: requestId,
    personId: person.id,
    decision: 'accept',
  });
  const account = await browser.follow(accepted.location!);
  if (!account.url.endsWith('/account')) throw new Error(`connecting ended on ${account.url}`);
  return browser;
}

export async function firstRoom(cluster: Cluster, person: SamplePerson): Promise<string> {
  const rooms = await api<{ items: Array<{ id: string }> }>(
    'GET',
    `${cluster.base}/sandbox/rooms`,
    person.accessToken,
  );
  return rooms.body.items[0]!.id;
}

export interface Message {
  id: string;
  personId: string;
  parentId?: string;
  text?: string;
  markdown?: string;
  created: string;
  attachments?: Array<{ content: Record<string, unknown> }>;
}

export async function messages(
  cluster: Cluster,
  reader: SamplePerson,
  roomId: string,
): Promise<Message[]> {
  const listed = await api<{ items: Message[] }>(
    'GET',
    `${cluster.base}/sandbox/messages?roomId=${encodeURIComponent(roomId)}&max=1000`,
    reader.accessToken,
  );
  return [...listed.body.items].reverse();
}
