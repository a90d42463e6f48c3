/**
 * Assembles a Deputy process from its configuration: the web half (pages, OAuth, receiver and,
 * without Webex credentials, the sandbox), the worker half, or both in one process.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Worker } from 'bullmq';
import type { Config } from './config/config.js';
import { createHelpApp } from './commands/help.js';
import { Registry } from './commands/registry.js';
import type { DeputyApp } from './commands/types.js';
import { createLogger, type Logger } from './log/logger.js';
import { createMetrics, type Metrics } from './metrics/metrics.js';
import { StateStore } from './oauth/state-store.js';
import { PersonStore } from './people/person-store.js';
import { createPollApp } from './polls/poll-app.js';
import { PollStore } from './polls/poll-store.js';
import { Backlog } from './queue/backlog.js';
import { createEventQueue } from './queue/event-queue.js';
import { closeRedis, createRedis, waitUntilReady } from './redis/connection.js';
import { Keys } from './redis/keys.js';
import { createSandbox, type Sandbox } from './sandbox/sandbox.js';
import { TokenCipher } from './tokens/crypto.js';
import { PersonTokens } from './tokens/person-tokens.js';
import { createWebApp } from './web/app.js';
import { startMaintenance } from './maintenance/maintenance.js';
import { Sessions } from './web/session.js';
import { WebexClient } from './webex/client.js';
import { createEventWorker } from './worker/event-worker.js';
import { Replies } from './worker/replies.js';

export interface DeputyRoles {
  web: boolean;
  worker: boolean;
}

export interface StartOptions {
  config: Config;
  roles: DeputyRoles;
  logger?: Logger;
  /** Apps added to the built-in polls and help. */
  apps?: DeputyApp[];
}

export interface RunningDeputy {
  config: Config;
  /** Where the web half listens, e.g. http://127.0.0.1:3000; undefined for a worker alone. */
  url: string | undefined;
  sandbox: Sandbox | undefined;
  metrics: Metrics;
  logger: Logger;
  close(): Promise<void>;
}

export async function startDeputy(options: StartOptions): Promise<RunningDeputy> {
  const { config, roles } = options;
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const metrics = createMetrics({ defaultMetrics: true });
  const keys = new Keys(config.keyPrefix);
  const cipher = new TokenCipher(
    config.previousTokenEncryptionKey
      ? [config.tokenEncryptionKey, config.previousTokenEncryptionKey]
      : [config.tokenEncryptionKey],
  );
  const client = new WebexClient({
    apiBaseUrl: config.webex.apiBaseUrl,
    clientId: config.webex.clientId,
    clientSecret: config.webex.clientSecret,
    logger: logger.child({ component: 'webex' }),
    metrics,
  });
  const closers: Array<() => Promise<void>> = [];
  let accepting = true;

  // The web half must answer fast while Redis is away; the worker half waits for it.
  const redis = createRedis(config.redisUrl, roles.web ? 'request' : 'worker', logger);
  if (!(await waitUntilReady(redis, 5000))) {
    logger.warn(
      { redisUrl: redactUrl(config.redisUrl) },
      'redis is not answering yet; carrying on',
    );
  }
  const people = new PersonStore(redis, keys, cipher);
  const tokens = new PersonTokens({
    store: people,
    client,
    redis,
    keys,
    logger: logger.child({ component: 'tokens' }),
    metrics,
  });

  let sandbox: Sandbox | undefined;
  let server: Server | undefined;
  let url: string | undefined;
  let worker: Worker | undefined;

  if (roles.web) {
    if (config.sandbox) {
      sandbox = createSandbox({
        clientId: config.webex.clientId,
        clientSecret: config.webex.clientSecret,
        publicBaseUrl: config.publicBaseUrl,
        accessTokenSeconds: config.sandboxTokenLifetimes.accessSeconds,
        refreshTokenSeconds: config.sandboxTokenLifetimes.refreshSeconds,
        logger: logger.child({ component: 'sandbox' }),
      });
    }
    const queue = createEventQueue(redis, config.keyPrefix);
    queue.on('error', (error: Error) => logger.warn({ reason: error.message }, 'queue error'));
    closers.push(() => queue.close());
    const sessions = new Sessions(redis, keys, config.publicBaseUrl.startsWith('https:'));
    const webLog = logger.child({ component: 'web' });
    const app = createWebApp({
      sessionSecret: config.sessionSecret,
      adminToken: config.adminToken,
      redis,
      queue,
      metrics,
      logger: webLog,
      receiver: {
        queue,
        backlog: new Backlog(redis, keys),
        people,
        webhookSecrets: config.previousWebhookSecret
          ? [config.webhookSecret, config.previousWebhookSecret]
          : [config.webhookSecret],
        logger: logger.child({ component: 'receiver' }),
        metrics,
        accepting: () => accepting,
      },
      oauth: {
        client,
        people,
        states: new StateStore(redis, keys),
        sessions,
        clientId: config.webex.clientId,
        apiBaseUrl: config.webex.apiBaseUrl,
        scopes: config.webex.scopes,
        publicBaseUrl: config.publicBaseUrl,
        webhookSecret: config.webhookSecret,
        secureCookies: config.publicBaseUrl.startsWith('https:'),
        logger: logger.child({ component: 'oauth' }),
      },
      account: { people, sessions, tokens, client, sandbox: config.sandbox, logger: webLog },
      routers: sandbox ? [sandbox.router] : [],
    });
    server = createServer(app.callback());
    server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(config.port, () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    url = `http://127.0.0.1:${port}`;
  }

  if (roles.worker) {
    const workerRedis = createRedis(config.redisUrl, 'worker', logger);
    const workerPeople = new PersonStore(workerRedis, keys, cipher);
    const workerTokens = new PersonTokens({
      store: workerPeople,
      client,
      redis: workerRedis,
      keys,
      logger: logger.child({ component: 'tokens' }),
      metrics,
    });
    const registry: Registry = new Registry([
      createHelpApp(() => registry.listCommands()),
      createPollApp(new PollStore(workerRedis, keys)),
      ...(options.apps ?? []),
    ]);
    worker = createEventWorker({
      connection: workerRedis,
      backlog: new Backlog(workerRedis, keys),
      prefix: config.keyPrefix,
      concurrency: config.workerConcurrency,
      logger: logger.child({ component: 'worker' }),
      metrics,
      deps: {
        registry,
        people: workerPeople,
        tokens: workerTokens,
        client,
        replies: new Replies({ tokens: workerTokens, client, redis: workerRedis, keys }),
      },
    });
    const maintenance = await startMaintenance({
      people: workerPeople,
      tokens: workerTokens,
      client,
      publicBaseUrl: config.publicBaseUrl,
      webhookSecret: config.webhookSecret,
      logger: logger.child({ component: 'maintenance' }),
      metrics,
      connection: workerRedis,
      prefix: config.keyPrefix,
      intervalSeconds: config.reconcileIntervalSeconds,
    });
    closers.push(() => maintenance.close());
    void worker
      .run()
      .catch((error: Error) => logger.error({ reason: error.message }, 'worker stopped'));
    await worker.waitUntilReady();
    closers.push(() => closeRedis(workerRedis));
  }

  return {
    config,
    url,
    sandbox,
    metrics,
    logger,
    async close() {
      accepting = false;
      if (server) {
        const closed = new Promise<void>((resolve) => server!.close(() => resolve()));
        server.closeIdleConnections();
        await closed;
      }
      // Finishes the jobs that are running; takes no new ones.
      if (worker) await worker.close();
      if (sandbox) await sandbox.close();
      for (const close of closers) await close();
      await client.close();
      await closeRedis(redis);
    },
  };
}

/** A Redis URL without its password, for log lines. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'an unparseable URL';
  }
}
