/**
 * The BullMQ worker: runs queued events with the configured concurrency and turns each kind of
 * failure into one job outcome. Rate limits wait without using an attempt; transient failures
 * retry with backoff; everything a retry cannot fix fails at once.
 */
import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { CardError } from '../cards/errors.js';
import type { Logger } from '../log/logger.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Backlog } from '../queue/backlog.js';
import { EVENT_QUEUE, type EventJob } from '../queue/event-queue.js';
import { NotConnected, ReauthRequired } from '../tokens/errors.js';
import { WebexApiError } from '../webex/errors.js';
import { handleEvent, type EventDeps } from './handle-event.js';
import { OwnershipPending } from './replies.js';
import { MAX_RATE_LIMIT_WAITS, rateLimitWaitMs } from './rate-limit.js';

export interface EventWorkerOptions {
  connection: Redis;
  backlog: Backlog;
  prefix: string;
  concurrency: number;
  logger: Logger;
  metrics: Metrics;
  deps: EventDeps;
}

export function createEventWorker(options: EventWorkerOptions): Worker<EventJob> {
  const { logger, metrics } = options;
  const worker = new Worker<EventJob>(
    EVENT_QUEUE,
    async (job, token) => {
      const log = logger.child({
        jobId: job.id,
        job: job.name,
        personId: job.data.personId,
        attempt: job.attemptsMade + 1,
      });
      let outcome: Error | undefined;
      try {
        const handled = await handleEvent(job, options.deps, log);
        metrics.jobs.inc({ name: job.name, outcome: handled });
        return handled;
      } catch (error) {
        try {
          outcome = await classify(error, job, token, log, metrics);
        } catch (classifying) {
          // Moving the job (to wait out a rate limit, say) failed: BullMQ retries it, so this
          // run is not its last.
          outcome = classifying instanceof Error ? classifying : new Error(String(classifying));
        }
        throw outcome;
      } finally {
        if (isFinal(job, outcome)) await leaveBacklog(options, job);
      }
    },
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency,
      autorun: false,
      // Jobs take seconds, so a worker that died is noticed within ten seconds and its jobs run
      // again elsewhere; a live worker renews its locks every five.
      lockDuration: 10_000,
      stalledInterval: 10_000,
    },
  );
  worker.on('error', (error) => logger.error({ reason: error.message }, 'worker error'));
  worker.on('failed', (job, error) => {
    if (job && !(error instanceof DelayedError)) {
      logger.warn(
        { jobId: job.id, job: job.name, attemptsMade: job.attemptsMade, reason: error.message },
        'job failed',
      );
    }
  });
  return worker;
}

/** Whether this run ends the job for good: no retry and no wait for a rate limit follow. */
function isFinal(job: Job<EventJob>, outcome: Error | undefined): boolean {
  if (outcome === undefined || outcome instanceof UnrecoverableError) return true;
  if (outcome instanceof DelayedError) return false;
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

async function leaveBacklog(options: EventWorkerOptions, job: Job<EventJob>): Promise<void> {
  try {
    await options.backlog.leave(job.data.personId);
  } catch (error) {
    // A missed decrement only lowers this person's share until their backlog key expires.
    options.logger.warn(
      { reason: error instanceof Error ? error.message : String(error) },
      'backlog not updated',
    );
  }
}

/** Maps a failure to what BullMQ should do with the job. */
async function classify(
  error: unknown,
  job: Job<EventJob>,
  token: string | undefined,
  log: Logger,
  metrics: Metrics,
): Promise<Error> {
  const count = (outcome: string) => metrics.jobs.inc({ name: job.name, outcome });

  if (error instanceof ReauthRequired || error instanceof NotConnected) {
    count(error instanceof ReauthRequired ? 'reauth_required' : 'not_connected');
    log.warn({ reason: error.message }, 'job dropped');
    return new UnrecoverableError(error.message);
  }
  if (error instanceof OwnershipPending && token) {
    // Not an attempt: the job only waits for another job's post to return its message id.
    count('post_in_flight');
    log.debug({ recheckMs: error.recheckMs }, 'waiting for a post in flight');
    await job.moveToDelayed(Date.now() + error.recheckMs, token);
    return new DelayedError();
  }
  if (error instanceof CardError) {
    count('invalid_card');
    log.error({ reason: error.message, problems: error.problems }, 'reply refused before sending');
    return new UnrecoverableError(error.message);
  }
  if (error instanceof WebexApiError) {
    const details = { route: error.route, status: error.status, trackingId: error.trackingId };
    if (error.rateLimited && token) {
      const waits = job.data.rateLimitWaits ?? 0;
      if (waits >= MAX_RATE_LIMIT_WAITS) {
        count('rate_limited_too_often');
        log.error(details, 'still rate limited after many waits; giving up');
        return new UnrecoverableError(`rate limited ${waits} times in a row by ${error.route}`);
      }
      const waitMs = rateLimitWaitMs(error.retryAfterSeconds, waits);
      count('rate_limited');
      log.info(
        { ...details, retryAfterSeconds: error.retryAfterSeconds, waitMs },
        'rate limited by Webex; waiting',
      );
      await job.updateData({ ...job.data, rateLimitWaits: waits + 1 });
      await job.moveToDelayed(Date.now() + waitMs, token);
      return new DelayedError();
    }
    if (error.transient) {
      count('retry');
      log.warn({ ...details, reason: error.message }, 'Webex call failed; will retry');
      return error;
    }
    count('webex_refused');
    log.error({ ...details, reason: error.message }, 'Webex refused the call; not retrying');
    return new UnrecoverableError(
      `${error.route} answered ${error.status}: ${error.message} (trackingId ${error.trackingId ?? 'none'})`,
    );
  }
  count('error');
  log.error(
    { reason: error instanceof Error ? error.message : String(error) },
    'job failed unexpectedly',
  );
  return error instanceof Error ? error : new Error(String(error));
}
