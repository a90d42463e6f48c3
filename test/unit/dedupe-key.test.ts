import { describe, expect, it } from 'vitest';
import { EVENT_JOB_OPTIONS, dedupeKey, jobName } from '../../src/queue/event-queue.js';

describe('deduplication key', () => {
  it('is made of person, resource, event and data id, never the webhook id', () => {
    const event = {
      personId: 'PERSON',
      resource: 'messages',
      event: 'created',
      dataId: 'MESSAGE_1',
    };
    expect(dedupeKey(event)).toBe('PERSON:messages:created:MESSAGE_1');
    expect(dedupeKey({ ...event, dataId: 'MESSAGE_2' })).not.toBe(dedupeKey(event));
    expect(dedupeKey({ ...event, personId: 'OTHER' })).not.toBe(dedupeKey(event));
    expect(dedupeKey({ ...event, event: 'deleted' })).not.toBe(dedupeKey(event));
  });

  it('names jobs after resource and event', () => {
    expect(jobName({ resource: 'attachmentActions', event: 'created' })).toBe(
      'attachmentActions:created',
    );
  });

  it('retries with exponential backoff from job options, not job data', () => {
    expect(EVENT_JOB_OPTIONS.attempts).toBe(5);
    expect(EVENT_JOB_OPTIONS.backoff).toEqual({ type: 'exponential', delay: 1000, jitter: 0.5 });
  });
});
