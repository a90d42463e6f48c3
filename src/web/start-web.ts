/**
 * The web half: pages, OAuth, the receiver and, without Webex credentials, the sandbox, on one
 * HTTP server. Its Redis connection fails fast, so the receiver can answer 503 while Redis is away.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StateStore } from '../oauth/state-store.js';
import { Backlog } from '../queue/backlog.js';
import { createEventQueue } from '../queue/event-queue.js';
import { closeRedis, createRedis, waitUntilReady } from '../redis/connection.js';
import { createSandbox, type Sandbox } from '../sandbox/sandbox.js';
import { peopleOn, type Shared } from '../shared.js';
import { createWebApp } from './app.js';
import { Sessions } from './session.js';

const DRAIN_MS = 5000;

export interface RunningWeb {
  url: string;
  sandbox: Sandbox | undefined;
  /** Refuses new deliveries and stops listening; what is in flight finishes. */
  stopAccepting(): Promise<void>;
  close(): Promise<void>;
}

export async function startWeb(shared: Shared): Promise<RunningWeb> {
  const { config, logger, metrics, keys, client } = shared;
  const redis = createRedis(config.redisUrl, 'request', logger, { coalesce: true });
  if (!(await waitUntilReady(redis, 5000))) {
    logger.warn('redis is not answering yet; the web process starts anyway and answers 503');
  }
  const { people, tokens } = peopleOn(shared, redis);
  const sandbox = config.sandbox
    ? createSandbox({
        clientId: config.webex.clientId,
        clientSecret: config.webex.clientSecret,
        publicBaseUrl: config.publicBaseUrl,
        accessTokenSeconds: config.sandboxTokenLifetimes.accessSeconds,
        refreshTokenSeconds: config.sandboxTokenLifetimes.refreshSeconds,
        logger: logger.child({ component: 'sandbox' }),
      })
    : undefined;
  const queue = createEventQueue(redis, config.keyPrefix);
  queue.on('error', (error: Error) => logger.warn({ reason: error.message }, 'queue error'));
  const secureCookies = config.publicBaseUrl.startsWith('https:');
  const sessions = new Sessions(redis, keys, secureCookies);
  const webLog = logger.child({ component: 'web' });
  let accepting = true;

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
      keys,
      webhookSecrets: [
        config.webhookSecret,
        ...(config.previousWebhookSecret ? [config.previousWebhookSecret] : []),
      ],
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
      secureCookies,
      logger: logger.child({ component: 'oauth' }),
    },
    account: { people, sessions, tokens, client, sandbox: config.sandbox, logger: webLog },
    routers: sandbox ? [sandbox.router] : [],
  });
  const server = createServer(app.callback());
  server.keepAliveTimeout = 65_000;
  // A client that sends its request slowly must not hold a shutdown (or a socket) for minutes.
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let closed: Promise<void> | undefined;
  const stopAccepting = () => {
    accepting = false;
    closed ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
      // Requests in flight get a moment to finish; then whatever is left is cut.
      setTimeout(() => server.closeAllConnections(), DRAIN_MS).unref();
    });
    return closed;
  };
  return {
    url,
    sandbox,
    stopAccepting,
    async close() {
      await stopAccepting();
      if (sandbox) await sandbox.close();
      await queue.close();
      await closeRedis(redis);
    },
  };
}
