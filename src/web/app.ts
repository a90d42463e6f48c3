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
      log.error(
        {
          method: ctx.method,
          path: ctx.path,
          reason: error instanceof Error ? error.message : String(error),
        },
        'request failed',
      );
      ctx.status = 500;
      if (ctx.accepts('html', 'json') === 'html') {
        ctx.type = 'html';
        ctx.body = errorPage(
          'Something went wrong',
          'Deputy could not finish this request. Please try again.',
        );
      } else {
        ctx.body = { error: 'internal error' };
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
      const counts = await deps.queue.getJobCounts(
        'waiting',
        'active',
        'delayed',
        'failed',
        'prioritized',
      );
      for (const [state, count] of Object.entries(counts)) {
        deps.metrics.queueDepth.set({ state }, count);
      }
      const people = await deps.account.people.countByState();
      for (const [state, count] of Object.entries(people)) {
        deps.metrics.people.set({ state }, count);
      }
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
    const reply = await Promise.race([
      redis.ping(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000)),
    ]);
    return reply === 'PONG';
  } catch {
    return false;
  }
}
