/**
 * Polls and their votes in Redis. Each change is one Lua script, so a vote can never land on a
 * poll that another worker closed a moment before, and one person holds at most one vote.
 */
import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';

/** Polls are kept for 90 days after their last change. */
const POLL_TTL_SECONDS = 90 * 24 * 3600;

export interface Poll {
  id: string;
  question: string;
  options: string[];
  authorId: string;
  authorName: string;
  roomId: string;
  /** The poll card's message id; empty until the card is posted. */
  messageId: string;
  /** The thread replies go to: the poll card's own thread root. */
  threadId: string;
  status: 'open' | 'closed';
}

export type VoteOutcome = 'recorded' | 'changed' | 'unchanged' | 'outdated' | 'closed' | 'unknown';
export type CloseOutcome = 'closed' | 'already_closed' | 'not_author' | 'unknown';

/**
 * A vote is stored as `option:castAt` (epoch ms). The vote cast last wins, whatever order the
 * workers handle them in: a retried or overtaken older vote never replaces a newer one.
 */
const VOTE = `
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return 'unknown' end
if status ~= 'open' then return 'closed' end
local previous = redis.call('HGET', KEYS[2], ARGV[1])
local outcome = 'recorded'
if previous then
  local option, castAt = string.match(previous, '^(%d+):(%d+)$')
  if castAt and tonumber(castAt) > tonumber(ARGV[3]) then return 'outdated' end
  outcome = (option == ARGV[2]) and 'unchanged' or 'changed'
end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2] .. ':' .. ARGV[3])
redis.call('EXPIRE', KEYS[1], ARGV[4])
redis.call('EXPIRE', KEYS[2], ARGV[4])
return outcome`;

const CLOSE = `
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return 'unknown' end
if redis.call('HGET', KEYS[1], 'authorId') ~= ARGV[1] then return 'not_author' end
if status == 'closed' then return 'already_closed' end
redis.call('HSET', KEYS[1], 'status', 'closed')
return 'closed'`;

export class PollStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  async create(poll: Poll): Promise<void> {
    const key = this.keys.poll(poll.id);
    await this.redis
      .multi()
      .hset(key, { ...poll, options: JSON.stringify(poll.options) })
      .expire(key, POLL_TTL_SECONDS)
      .exec();
  }

  async setMessage(pollId: string, messageId: string, threadId: string): Promise<void> {
    await this.redis.hset(this.keys.poll(pollId), { messageId, threadId });
  }

  async get(pollId: string): Promise<Poll | undefined> {
    const fields = await this.redis.hgetall(this.keys.poll(pollId));
    if (!fields.id) return undefined;
    return {
      id: fields.id,
      question: fields.question ?? '',
      options: JSON.parse(fields.options ?? '[]') as string[],
      authorId: fields.authorId ?? '',
      authorName: fields.authorName ?? '',
      roomId: fields.roomId ?? '',
      messageId: fields.messageId ?? '',
      threadId: fields.threadId ?? '',
      status: fields.status === 'closed' ? 'closed' : 'open',
    };
  }

  async vote(
    pollId: string,
    voterId: string,
    optionIndex: number,
    castAt: number,
  ): Promise<VoteOutcome> {
    return (await this.redis.eval(
      VOTE,
      2,
      this.keys.poll(pollId),
      this.keys.pollVotes(pollId),
      voterId,
      String(optionIndex),
      String(Math.max(0, Math.floor(castAt))),
      String(POLL_TTL_SECONDS),
    )) as VoteOutcome;
  }

  async close(pollId: string, personId: string): Promise<CloseOutcome> {
    return (await this.redis.eval(CLOSE, 1, this.keys.poll(pollId), personId)) as CloseOutcome;
  }

  /** Votes per option, in option order, and the number of voters. */
  async tally(poll: Poll): Promise<{ counts: number[]; voters: number }> {
    const votes = await this.redis.hvals(this.keys.pollVotes(poll.id));
    const counts = poll.options.map(() => 0);
    for (const vote of votes) {
      const index = Number(vote.split(':')[0]);
      if (Number.isInteger(index) && index >= 0 && index < counts.length) counts[index]! += 1;
    }
    return { counts, voters: votes.length };
  }
}
