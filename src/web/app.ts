/**
 * The web process's HTTP interface. The webhook route reads its own raw bytes, so the form
 * parser runs only on the routes that take forms.
 */
import Router from '@koa/router';
import bodyParser from 'koa-bodyparser';
import Koa from 'koa';
import type { Redis } from 'ioredis';
import type { Queue } from 'bullmq';
import type { Logger } from '../log/logger.js';
import type { Metrics } from '../metrics/metrics.js';
import type { EventJob } from '../queue/event-queue.js';
import { addOAuthRoutes, type OAuthDeps } from '../oauth/routes.js';
import { createReceiver, type ReceiverDeps } from '../receiver/receiver.js';
import { addAccountRoutes, type AccountDeps } from './account-routes.js';
import { mountAdmin } from './admin.js';
import { errorPage } from './pages.js';
import { withDeadline } from '../time/deadline.js';

export interface WebAppDeps {
  sessionSecret: string;
  redis: Redis;
  queue: Queue<EventJob>;
  metrics: Metrics;
  logger: Logger;
  receiver: ReceiverDeps;
  oauth: OAuthDeps;
  account: AccountDeps;
  adminToken: string | undefined;
  /** Extra routers mounted as they are, such as the sandbox. */
  routers?: Router[];
}

export function createWebApp(deps: WebAppDeps): Koa {
  const app = new Koa({ proxy: true });
  app.keys = [deps.sessionSecret];
  const log = deps.logger;

  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      const { status, title, text } = describeFailure(error);
      const reason = error instanceof Error ? error.message : String(error);
      if (status >= 500)
        log.error({ method: ctx.method, path: ctx.path, reason }, 'request failed');
      else log.warn({ method: ctx.method, path: ctx.path, status, reason }, 'request refused');
      ctx.status = status;
      if (ctx.accepts('html', 'json') === 'html') {
        ctx.type = 'html';
        ctx.body = errorPage(title, text);
      } else {
        ctx.body = { error: title };
      }
    }
  });
  app.on('error', (error: Error) => log.debug({ reason: error.message }, 'http error event'));

  const router = new Router();
  router.post('/webhooks/webex', createReceiver(deps.receiver));
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    const ready = await redisAnswers(deps.redis);
    ctx.status = ready ? 200 : 503;
    ctx.body = { status: ready ? 'ready' : 'redis unavailable' };
  });
  router.get('/metrics', async (ctx) => {
    try {
      await withDeadline(updateGauges(deps), 1000, 'reading queue depth');
    } catch {
      // While Redis is away these gauges keep their last values; the rest is still worth serving.
    }
    ctx.type = deps.metrics.registry.contentType;
    ctx.body = await deps.metrics.registry.metrics();
  });

  const forms = bodyParser({ enableTypes: ['form'], formLimit: '16kb' });
  router.use('/account/disconnect', forms);
  addOAuthRoutes(router, deps.oauth);
  addAccountRoutes(router, deps.account);

  if (deps.adminToken) mountAdmin(app, [deps.queue], deps.adminToken);
  app.use(router.routes()).use(router.allowedMethods());
  for (const extra of deps.routers ?? []) app.use(extra.routes()).use(extra.allowedMethods());
  return app;
}

async function redisAnswers(redis: Redis): Promise<boolean> {
  try {
    return (await withDeadline(redis.ping(), 1000, 'redis ping')) === 'PONG';
  } catch {
    return false;
  }
}

/** The gauges read at scrape time: queue depth and people by connection state. */
async function updateGauges(deps: WebAppDeps): Promise<void> {
  const counts = await deps.queue.getJobCounts(
    'waiting',
    'prioritized',
    'active',
    'delayed',
    'failed',
  );
  for (const [state, count] of Object.entries(counts))
    deps.metrics.queueDepth.set({ state }, count);
  const people = await deps.account.people.countByState();
  for (const [state, count] of Object.entries(people)) deps.metrics.people.set({ state }, count);
}

/** What a failure that reached the top means for the person who made the request. */
function describeFailure(error: unknown): { status: number; title: string; text: string } {
  const http = error as { status?: unknown; expose?: unknown; message?: unknown };
  if (typeof http.status === 'number' && http.status >= 400 && http.status < 500 && http.expose) {
    return {
      status: http.status,
      title: 'That request could not be read',
      text: typeof http.message === 'string' ? `${http.message}.` : 'Please try again.',
    };
  }
  // ioredis refuses commands at once while Redis is away (enableOfflineQueue is off).
  if (
    error instanceof Error &&
    /enableOfflineQueue|Connection is closed|ECONNREFUSED/.test(error.message)
  ) {
    return {
      status: 503,
      title: 'Deputy is briefly unavailable',
      text: 'Its storage is not answering. Please try again in a moment.',
    };
  }
  return {
    status: 500,
    title: 'Something went wrong',
    text: 'Deputy could not finish this request. Please try again.',
  };
}
