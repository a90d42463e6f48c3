/**
 * The event queue. Every job enters through `enqueueEvent`, which sets the deduplication key, the
 * retry options and the person's fair-share priority in one place, and says whether the event
 * was queued or was a duplicate.
 */
import { randomUUID } from 'node:crypto';
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../log/logger.js';
import type { Backlog } from './backlog.js';

export const EVENT_QUEUE = 'events';

/** A delivery that comes again within this window is the same event. */
export const DEDUPE_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface EventJob {
  personId: string;
  resource: string;
  event: string;
  dataId: string;
  roomId?: string | undefined;
  actorId?: string | undefined;
  /** Epoch milliseconds when the receiver accepted the delivery. */
  receivedAt: number;
  /** How many times in a row Webex has rate limited this job; set by the worker. */
  rateLimitWaits?: number;
}

export type EnqueueOutcome = 'queued' | 'duplicate' | 'not_connected' | 'own_message';

/** Keys checked in the same round trip as the queueing: Redis only, no Webex call. */
export interface EnqueueGuards {
  /** The person's record: without it the person is not connected and nothing is queued. */
  connectedKey?: string;
  /** The record of a message Deputy posted: its webhook needs no job. */
  ownMessageKey?: string;
}

/** Person, resource, event and data id: the envelope `id` is the webhook's, shared by all its events. */
export function dedupeKey(event: Pick<EventJob, 'personId' | 'resource' | 'event' | 'dataId'>) {
  return `${event.personId}:${event.resource}:${event.event}:${event.dataId}`;
}

export function jobName(event: Pick<EventJob, 'resource' | 'event'>) {
  return `${event.resource}:${event.event}`;
}

export const EVENT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000, jitter: 0.5 },
  removeOnComplete: { age: 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const satisfies JobsOptions;

export function createEventQueue(connection: Redis, prefix: string): Queue<EventJob> {
  return new Queue<EventJob>(EVENT_QUEUE, { connection, prefix });
}

export async function enqueueEvent(
  queue: Queue<EventJob>,
  backlog: Backlog,
  event: EventJob,
  logger: Logger,
  guards: EnqueueGuards = {},
): Promise<EnqueueOutcome> {
  const jobId = randomUUID();
  const key = dedupeKey(event);
  const priority = await backlog.enter(event.personId, {
    mustExist: guards.connectedKey,
    mustNotExist: guards.ownMessageKey,
  });
  if (priority === 'missing') return 'not_connected';
  if (priority === 'present') return 'own_message';
  let job;
  try {
    job = await queue.add(jobName(event), event, {
      ...EVENT_JOB_OPTIONS,
      jobId,
      priority,
      deduplication: { id: key, ttl: DEDUPE_WINDOW_MS },
    });
  } catch (error) {
    await backlog.leave(event.personId).catch(() => undefined);
    throw error;
  }
  // A deduplicated add hands back the job that already holds the key.
  if (job.id !== jobId) {
    await backlog.leave(event.personId);
    logger.info({ dedupeKey: key, existingJobId: job.id }, 'duplicate event ignored');
    return 'duplicate';
  }
  return 'queued';
}
