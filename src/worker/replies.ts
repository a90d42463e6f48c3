/**
 * Posting as the person. Each post is linted before any HTTP call, recorded as Deputy's own so
 * its webhook is skipped (also when that webhook overtakes the POST's answer), and remembered
 * per job, so a job that runs again does not post the same reply twice.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { CardLintError, lintMessage } from '../cards/lint.js';
import type { Keys } from '../redis/keys.js';
import type { PersonTokens } from '../tokens/person-tokens.js';
import type { WebexClient } from '../webex/client.js';
import type { CreateMessageBody } from '../webex/types.js';

/** Deputy's own messages are remembered as long as polls are, so their cards keep working. */
const OWN_MESSAGE_TTL_SECONDS = 90 * 24 * 3600;
const SENT_REPLY_TTL_SECONDS = 24 * 3600;
const PENDING_TTL_MS = 30_000;

export class Replies {
  constructor(
    private readonly deps: { tokens: PersonTokens; client: WebexClient; redis: Redis; keys: Keys },
  ) {}

  /**
   * Posts `body` as the person, once per (jobKey, index): a second call with the same pair
   * returns the first post's id without posting.
   */
  async post(
    personId: string,
    jobKey: string,
    index: number,
    body: CreateMessageBody,
  ): Promise<string> {
    const { tokens, client, redis, keys } = this.deps;
    const problems = lintMessage(body);
    if (problems.length > 0) throw new CardLintError(problems);

    const sentKey = keys.sentReply(jobKey, index);
    const alreadySent = await redis.get(sentKey);
    if (alreadySent) return alreadySent;

    // Each post in flight is a member scored by when it started: a delivery that arrived
    // before a post started cannot be that post's message, and need not wait for it.
    const pending = keys.pendingPosts(personId, body.roomId ?? '');
    const postId = randomUUID();
    await redis.multi().zadd(pending, Date.now(), postId).pexpire(pending, PENDING_TTL_MS).exec();
    try {
      const message = await tokens.withToken(personId, (token) =>
        client.createMessage(token, body),
      );
      await redis
        .multi()
        .set(
          keys.ownMessage(message.id),
          JSON.stringify(ownRecord(personId, body)),
          'EX',
          OWN_MESSAGE_TTL_SECONDS,
        )
        .set(sentKey, message.id, 'EX', SENT_REPLY_TTL_SECONDS)
        .exec();
      return message.id;
    } finally {
      await redis.zrem(pending, postId);
    }
  }

  /**
   * Whether Deputy posted this message. While Deputy has posts in flight in the room that
   * started before the delivery arrived (`receivedAt`), one of them may be this message and its
   * id is not known yet, so wait for those (bounded) before answering no.
   */
  async isOwn(
    messageId: string,
    personId: string,
    roomId: string | undefined,
    receivedAt: number,
  ): Promise<boolean> {
    const { redis, keys } = this.deps;
    const deadline = Date.now() + 10_000;
    for (;;) {
      if ((await redis.exists(keys.ownMessage(messageId))) === 1) return true;
      if (!roomId || Date.now() > deadline) return false;
      // Members older than the key's lifetime belong to a worker that died mid-post.
      const pending = keys.pendingPosts(personId, roomId);
      const earlier = await redis.zcount(pending, Date.now() - PENDING_TTL_MS, receivedAt);
      if (earlier === 0) return false;
      await sleep(25);
    }
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
