/**
 * Scheduled upkeep, as BullMQ job schedulers on their own queue, so that however many worker
 * processes run, each tick runs once: the webhook reconciler and the ahead-of-time token
 * refresh, both at start and every RECONCILE_INTERVAL_SECONDS.
 */
import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { refreshAhead } from '../tokens/refresh-ahead.js';
import { reconcileAll, type ReconcileDeps } from '../webhooks/reconciler.js';

export const MAINTENANCE_QUEUE = 'maintenance';

const JOBS = { reconcile: 'reconcile-webhooks', refresh: 'refresh-tokens' } as const;

export interface MaintenanceOptions extends ReconcileDeps {
  connection: Redis;
  prefix: string;
  intervalSeconds: number;
}

export function startMaintenance(options: MaintenanceOptions): { close(): Promise<void> } {
  const { connection, prefix, logger } = options;
  const intervalMs = options.intervalSeconds * 1000;
  const queue = new Queue(MAINTENANCE_QUEUE, { connection, prefix });
  queue.on('error', (error: Error) =>
    logger.warn({ reason: error.message }, 'maintenance queue error'),
  );
  const worker = new Worker(
    MAINTENANCE_QUEUE,
    async (job) => {
      if (job.name === JOBS.reconcile) return reconcileAll(options);
      if (job.name === JOBS.refresh) return refreshAhead(options, intervalMs);
      logger.warn({ job: job.name }, 'unknown maintenance job');
      return undefined;
    },
    { connection, prefix, concurrency: 1 },
  );
  worker.on('error', (error: Error) =>
    logger.warn({ reason: error.message }, 'maintenance worker error'),
  );
  // Scheduling waits for Redis; the process does not. A scheduler runs at once only when it is
  // new, so the run at start is made here, in the background, by every process that starts.
  const ready = (async () => {
    for (const name of Object.values(JOBS)) {
      await queue.upsertJobScheduler(
        name,
        { every: intervalMs },
        { name, opts: { removeOnComplete: 100, removeOnFail: 100 } },
      );
    }
    await reconcileAll(options);
    await refreshAhead(options, intervalMs);
  })().catch((error: Error) =>
    logger.warn({ reason: error.message }, 'upkeep at start did not finish'),
  );
  return {
    async close() {
      await worker.close();
      await Promise.race([ready, new Promise((resolve) => setTimeout(resolve, 2000))]);
      await queue.close();
    },
  };
}
