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
if KEYS[4] ~= '' and redis.call('EXISTS', KEYS[4]) == 1 then return -1 end
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
  backlogEnter(
    backlog: string,
    sequence: string,
    mustExist: string,
    mustNotExist: string,
    ttl: string,
  ): Promise<number>;
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
      redis.defineCommand('backlogEnter', { numberOfKeys: 4, lua: ENTER });
      redis.defineCommand('backlogLeave', { numberOfKeys: 1, lua: LEAVE });
    }
    this.redis = redis as WithBacklogScripts;
  }

  /**
   * Counts one more job for the person and returns the priority it should get. The guards are
   * checked in the same round trip and, when one does not hold, nothing is counted: `missing`
   * when the `mustExist` key (the person's record) is absent, `present` when the `mustNotExist`
   * key is there.
   */
  async enter(
    personId: string,
    guards: { mustExist?: string; mustNotExist?: string } = {},
  ): Promise<number | 'missing' | 'present'> {
    const seq = await this.redis.backlogEnter(
      this.keys.backlog(personId),
      this.keys.backlogSequence(personId),
      guards.mustExist ?? '',
      guards.mustNotExist ?? '',
      String(TTL_SECONDS),
    );
    if (seq === 0) return 'missing';
    if (seq === -1) return 'present';
    return Math.min(seq, MAX_PRIORITY);
  }

  /** A job of the person is done for good (completed, failed for good, or never queued). */
  async leave(personId: string): Promise<void> {
    await this.redis.backlogLeave(this.keys.backlog(personId));
  }
}
