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
if KEYS[3] ~= '' and redis.call('EXISTS', KEYS[3]) == 0 then return 0 end
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

type WithBacklogScripts = Redis & {
  backlogEnter(backlog: string, sequence: string, mustExist: string, ttl: string): Promise<number>;
  backlogLeave(backlog: string): Promise<number>;
};

export class Backlog {
  private readonly redis: WithBacklogScripts;

  constructor(
    redis: Redis,
    private readonly keys: Keys,
  ) {
    // Defined commands go as EVALSHA: the script's text is not sent with every delivery.
    if (!('backlogEnter' in redis)) {
      redis.defineCommand('backlogEnter', { numberOfKeys: 3, lua: ENTER });
      redis.defineCommand('backlogLeave', { numberOfKeys: 1, lua: LEAVE });
    }
    this.redis = redis as WithBacklogScripts;
  }

  /**
   * Counts one more job for the person and returns the priority it should get. With
   * `mustExist` (the person's record), counts nothing and returns undefined when that key is
   * missing: the receiver's connection check and count in one round trip.
   */
  async enter(personId: string, mustExist = ''): Promise<number | undefined> {
    const seq = await this.redis.backlogEnter(
      this.keys.backlog(personId),
      this.keys.backlogSequence(personId),
      mustExist,
      String(TTL_SECONDS),
    );
    return seq === 0 ? undefined : Math.min(seq, MAX_PRIORITY);
  }

  /** A job of the person is done for good (completed, failed for good, or never queued). */
  async leave(personId: string): Promise<void> {
    await this.redis.backlogLeave(this.keys.backlog(personId));
  }
}
