/**
 * The worker half: the event worker with the built-in apps and any added ones, and the
 * scheduled upkeep. Its Redis connection waits for Redis to come back rather than failing.
 */
import { createHelpApp } from '../commands/help.js';
import { Registry } from '../commands/registry.js';
import type { DeputyApp } from '../commands/types.js';
import { startMaintenance } from '../maintenance/maintenance.js';
import { createPollApp } from '../polls/poll-app.js';
import { PollStore } from '../polls/poll-store.js';
import { Backlog } from '../queue/backlog.js';
import { closeRedis, createRedis } from '../redis/connection.js';
import { peopleOn, type Shared } from '../shared.js';
import { createEventWorker } from './event-worker.js';
import { Replies } from './replies.js';

export interface RunningWorker {
  /** Takes no new jobs, finishes the running ones, then closes its connections. */
  close(): Promise<void>;
}

export async function startWorker(shared: Shared, apps: DeputyApp[]): Promise<RunningWorker> {
  const { config, logger, metrics, keys, client } = shared;
  // BullMQ's connection carries its several dozen scripts, which ioredis copies into every
  // MULTI made on it; Deputy's own keys have a connection of their own, whose commands from
  // concurrent jobs share socket writes.
  const redis = createRedis(config.redisUrl, 'worker', logger);
  const data = createRedis(config.redisUrl, 'worker', logger, { coalesce: true });
  const { people, tokens } = peopleOn(shared, data);
  const registry: Registry = new Registry([
    createHelpApp(() => registry.listCommands()),
    createPollApp(new PollStore(data, keys)),
    ...apps,
  ]);
  const worker = createEventWorker({
    connection: redis,
    backlog: new Backlog(data, keys),
    prefix: config.keyPrefix,
    concurrency: config.workerConcurrency,
    logger: logger.child({ component: 'worker' }),
    metrics,
    deps: {
      registry,
      tokens,
      client,
      replies: new Replies({ client, redis: data, keys }),
    },
  });
  const maintenance = startMaintenance({
    people,
    tokens,
    client,
    publicBaseUrl: config.publicBaseUrl,
    webhookSecret: config.webhookSecret,
    logger: logger.child({ component: 'maintenance' }),
    metrics,
    connection: redis,
    prefix: config.keyPrefix,
    intervalSeconds: config.reconcileIntervalSeconds,
  });
  void worker
    .run()
    .catch((error: Error) => logger.error({ reason: error.message }, 'worker stopped'));
  await worker.waitUntilReady();
  return {
    async close() {
      await worker.close();
      await maintenance.close();
      await Promise.all([closeRedis(redis), closeRedis(data)]);
    },
  };
}
