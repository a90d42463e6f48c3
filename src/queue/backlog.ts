/**
 * Fair shares between people on one queue. Each person's jobs get rising priorities while they
 * have a backlog (1, 2, 3, ...), and the numbering starts again at 1 once it is empty. BullMQ runs
 * lower numbers first, so one person's burst of a thousand events does not delay another
 * person's single command, and each person's own events keep their order.
 */
import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';

/** The highest priority BullMQ accepts. */
const MAX_PRIORITY = 2_097_151;
const TTL_SECONDS = 24 * 3600;

const ENTER = `
local backlog = redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], ARGV[1])
if backlog == 1 then
  redis.call('SET', KEYS[2], 1, 'EX', ARGV[1])
  return 1
end
local seq = redis.call('INCR', KEYS[2])
redis.call('EXPIRE', KEYS[2], ARGV[1])
return seq`;

const LEAVE = `
local backlog = tonumber(redis.call('GET', KEYS[1]) or '0')
if backlog <= 1 then redis.call('DEL', KEYS[1]) return 0 end
return redis.call('DECR', KEYS[1])`;

export class Backlog {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  /** Counts one more job for the person and returns the priority it should get. */
  async enter(personId: string): Promise<number> {
    const seq = (await this.redis.eval(
      ENTER,
      2,
      this.keys.backlog(personId),
      this.keys.backlogSequence(personId),
      String(TTL_SECONDS),
    )) as number;
    return Math.min(seq, MAX_PRIORITY);
  }

  /** A job of the person is done for good (completed, failed for good, or never queued). */
  async leave(personId: string): Promise<void> {
    await this.redis.eval(LEAVE, 1, this.keys.backlog(personId));
  }
}
