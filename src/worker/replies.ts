/**
 * Posting as the person. Each post is linted before any HTTP call, recorded as Deputy's own so
 * its webhook is skipped (also when that webhook overtakes the POST's answer), and remembered
 * per job, so a job that runs again does not post the same reply twice.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { CardLintError, lintMessage } from '../cards/lint.js';
import type { Keys } from '../redis/keys.js';
import { NotConnected, ReauthRequired } from '../tokens/errors.js';
import type { ActingAs } from '../tokens/person-tokens.js';
import type { WebexClient } from '../webex/client.js';
import type { CreateMessageBody } from '../webex/types.js';

/** Deputy's own messages are remembered as long as polls are, so their cards keep working. */
const OWN_MESSAGE_TTL_SECONDS = 90 * 24 * 3600;
const SENT_REPLY_TTL_SECONDS = 24 * 3600;
const PENDING_TTL_MS = 30_000;
/**
 * How long after its delivery a message may still turn out to be one of Deputy's posts. A post
 * that started before the delivery arrived has ended by then: the Webex client gives up on a
 * call after 10 s.
 */
const OWNERSHIP_DEADLINE_MS = 10_000;

/**
 * Returns the id an earlier run of the job posted, or records this post as in flight. Checks
 * first that the person (KEYS[3], their record) is still connected and need not reconnect,
 * since they may have disconnected while the job ran: 1 when not connected, 2 when reauth is
 * required.
 */
const BEGIN_POST = `
local record = redis.call('GET', KEYS[3])
if not record then return 1 end
local ok, person = pcall(cjson.decode, record)
if ok and type(person) == 'table' and person.state == 'reauth_required' then return 2 end
local sent = redis.call('GET', KEYS[1])
if sent then return sent end
redis.call('ZADD', KEYS[2], ARGV[1], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return false`;

/**
 * -1: Deputy posted it. 0: it did not. Otherwise undecided, and the answer is when the oldest
 * post in flight that started before the delivery (and so may be this message) started.
 */
const OWNERSHIP = `
if redis.call('EXISTS', KEYS[1]) == 1 then return -1 end
if KEYS[2] == '' then return 0 end
local oldest = redis.call('ZRANGEBYSCORE', KEYS[2], ARGV[1], ARGV[2], 'WITHSCORES', 'LIMIT', 0, 1)
if #oldest == 0 then return 0 end
return tonumber(oldest[2])`;

/** Bounds of the wait before a message whose ownership is pending is checked again. */
const RECHECK_MIN_MS = 25;
const RECHECK_MAX_MS = 1_000;

/**
 * A message cannot be told apart from Deputy's posts in flight yet. Its job gives up its worker
 * slot and comes back after `recheckMs`, rather than holding the slot while Webex answers.
 */
export class OwnershipPending extends Error {
  constructor(
    messageId: string,
    readonly recheckMs: number,
  ) {
    super(`message ${messageId} may be one of Deputy's posts in flight; checking again shortly`);
    this.name = 'OwnershipPending';
  }
}

/**
 * Whether a message is Deputy's own post; pending while a post that may be it is in flight, with
 * when to look again: as long as that post has been in flight so far, within bounds, so a post
 * that never returns (its worker was killed) costs each waiting job a few checks, not one every
 * few milliseconds.
 */
export type Ownership = 'own' | 'other' | { pending: true; recheckMs: number };

type WithReplyScripts = Redis & {
  replyBeginPost(
    sent: string,
    pending: string,
    person: string,
    now: number,
    postId: string,
    ttl: number,
  ): Promise<string | number | null>;
  replyOwnership(own: string, pending: string, oldest: number, before: number): Promise<number>;
};

export class Replies {
  private readonly redis: WithReplyScripts;

  constructor(private readonly deps: { client: WebexClient; redis: Redis; keys: Keys }) {
    if (!('replyBeginPost' in deps.redis)) {
      deps.redis.defineCommand('replyBeginPost', { numberOfKeys: 3, lua: BEGIN_POST });
      deps.redis.defineCommand('replyOwnership', { numberOfKeys: 2, lua: OWNERSHIP });
    }
    this.redis = deps.redis as WithReplyScripts;
  }

  /**
   * Posts `body` as the person, once per (jobKey, index): a second call with the same pair
   * returns the first post's id without posting.
   */
  async post(
    as: ActingAs,
    jobKey: string,
    index: number,
    body: CreateMessageBody,
  ): Promise<string> {
    const { client, keys } = this.deps;
    const personId = as.person.id;
    const redis = this.redis;
    const problems = lintMessage(body);
    if (problems.length > 0) throw new CardLintError(problems);

    // Each post in flight is a member scored by when it started: a delivery that arrived
    // before a post started cannot be that post's message, and need not wait for it.
    const sentKey = keys.sentReply(jobKey, index);
    const pending = keys.pendingPosts(personId, body.roomId ?? '');
    const postId = randomUUID();
    const begun = await redis.replyBeginPost(
      sentKey,
      pending,
      keys.person(personId),
      Date.now(),
      postId,
      PENDING_TTL_MS,
    );
    if (begun === 1) throw new NotConnected(personId);
    if (begun === 2) throw new ReauthRequired(personId);
    if (typeof begun === 'string') return begun;

    let message;
    try {
      message = await as.withToken((token) => client.createMessage(token, body));
    } catch (error) {
      await redis.zrem(pending, postId);
      throw error;
    }
    await redis
      .multi()
      .set(
        keys.ownMessage(message.id),
        JSON.stringify(ownRecord(personId, body)),
        'EX',
        OWN_MESSAGE_TTL_SECONDS,
      )
      .set(sentKey, message.id, 'EX', SENT_REPLY_TTL_SECONDS)
      .zrem(pending, postId)
      .exec();
    return message.id;
  }

  /**
   * Whether Deputy posted this message, in one round trip. While Deputy has posts in flight in
   * the room that started before the delivery arrived (`receivedAt`), one of them may be this
   * message and its id is not known yet: the answer is pending, and the caller asks again
   * later. After a deadline the answer is `other`.
   */
  async ownership(
    messageId: string,
    personId: string,
    roomId: string | undefined,
    receivedAt: number,
  ): Promise<Ownership> {
    const { keys } = this.deps;
    const now = Date.now();
    const undecidable = !roomId || now > receivedAt + OWNERSHIP_DEADLINE_MS;
    const answer = await this.redis.replyOwnership(
      keys.ownMessage(messageId),
      undecidable ? '' : keys.pendingPosts(personId, roomId),
      // Members older than the key's lifetime belong to a worker that died mid-post.
      now - PENDING_TTL_MS,
      receivedAt,
    );
    if (answer === -1) return 'own';
    if (answer === 0) return 'other';
    const inFlightMs = now - answer;
    return {
      pending: true,
      recheckMs: Math.min(RECHECK_MAX_MS, Math.max(RECHECK_MIN_MS, inFlightMs)),
    };
  }

  /** What Deputy recorded about a message it posted; undefined if it never posted it. */
  async ownMessage(messageId: string): Promise<OwnMessage | undefined> {
    const value = await this.deps.redis.get(this.deps.keys.ownMessage(messageId));
    if (value === null) return undefined;
    try {
      return JSON.parse(value) as OwnMessage;
    } catch {
      return undefined;
    }
  }
}

/**
 * What is kept about a message Deputy posted: for whom, in which thread, and which card actions
 * its buttons can submit, so a forged submission naming any other action is refused.
 */
export interface OwnMessage {
  personId: string;
  parentId?: string;
  actions: string[];
}

function ownRecord(personId: string, body: CreateMessageBody): OwnMessage {
  const actions = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    const data = record.data as Record<string, unknown> | undefined;
    if (record.type === 'Action.Submit' && typeof data?.action === 'string')
      actions.add(data.action);
    Object.values(record).forEach(visit);
  };
  visit(body.attachments);
  return { personId, ...(body.parentId ? { parentId: body.parentId } : {}), actions: [...actions] };
}
