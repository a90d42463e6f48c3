/**
 * Connected people: who they are, their connection state, their webhooks, and their tokens
 * (encrypted). A person exists here from a successful connect until they disconnect.
 */
import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';
import type { TokenCipher } from '../tokens/crypto.js';
import type { StoredTokens } from '../tokens/expiry.js';

export type ConnectionState = 'active' | 'reauth_required';

export interface WebhookRecord {
  id: string;
  name: string;
  status: string;
}

export interface ConnectedPerson {
  id: string;
  displayName: string;
  email: string;
  orgId: string | undefined;
  state: ConnectionState;
  connectedAt: number;
  webhooks: WebhookRecord[];
  /** When the reconciler last checked this person's webhooks at Webex; undefined if never. */
  webhooksCheckedAt: number | undefined;
}

export class PersonStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly cipher: TokenCipher,
  ) {}

  /** Stores a newly connected (or reconnected) person and their tokens in one transaction. */
  async connect(
    person: Omit<ConnectedPerson, 'state' | 'connectedAt' | 'webhooksCheckedAt'>,
    tokens: StoredTokens,
  ): Promise<void> {
    await this.redis
      .multi()
      .del(this.keys.person(person.id), this.keys.refreshWarning(person.id))
      .hset(this.keys.person(person.id), {
        id: person.id,
        displayName: person.displayName,
        email: person.email,
        orgId: person.orgId ?? '',
        state: 'active',
        connectedAt: String(Date.now()),
        webhooks: JSON.stringify(person.webhooks),
        webhooksCheckedAt: String(Date.now()),
      })
      .set(this.keys.tokens(person.id), this.seal(person.id, tokens))
      .sadd(this.keys.people(), person.id)
      .exec();
  }

  async get(personId: string): Promise<ConnectedPerson | undefined> {
    const fields = await this.redis.hgetall(this.keys.person(personId));
    if (!fields.id) return undefined;
    return {
      id: fields.id,
      displayName: fields.displayName ?? '',
      email: fields.email ?? '',
      orgId: fields.orgId || undefined,
      state: fields.state === 'reauth_required' ? 'reauth_required' : 'active',
      connectedAt: Number(fields.connectedAt ?? 0),
      webhooks: parseWebhooks(fields.webhooks),
      webhooksCheckedAt: fields.webhooksCheckedAt ? Number(fields.webhooksCheckedAt) : undefined,
    };
  }

  async isConnected(personId: string): Promise<boolean> {
    return (await this.redis.exists(this.keys.person(personId))) === 1;
  }

  async getTokens(personId: string): Promise<StoredTokens | undefined> {
    const blob = await this.redis.get(this.keys.tokens(personId));
    if (!blob) return undefined;
    const { plaintext, stale } = this.cipher.decrypt(blob, personId);
    const tokens = JSON.parse(plaintext) as StoredTokens;
    if (stale) await this.saveTokens(personId, tokens);
    return tokens;
  }

  async saveTokens(personId: string, tokens: StoredTokens): Promise<void> {
    // XX: a person who disconnected meanwhile stays disconnected.
    await this.redis.set(this.keys.tokens(personId), this.seal(personId, tokens), 'XX');
  }

  async setState(personId: string, state: ConnectionState): Promise<void> {
    if (await this.isConnected(personId)) {
      await this.redis.hset(this.keys.person(personId), 'state', state);
    }
  }

  async saveWebhooks(personId: string, webhooks: WebhookRecord[]): Promise<void> {
    if (await this.isConnected(personId)) {
      await this.redis.hset(this.keys.person(personId), {
        webhooks: JSON.stringify(webhooks),
        webhooksCheckedAt: String(Date.now()),
      });
    }
  }

  async disconnect(personId: string): Promise<void> {
    await this.redis
      .multi()
      .del(this.keys.person(personId), this.keys.tokens(personId))
      .srem(this.keys.people(), personId)
      .exec();
  }

  /** How many connected people are in each state, for the metrics. */
  async countByState(): Promise<Record<ConnectionState, number>> {
    const counts: Record<ConnectionState, number> = { active: 0, reauth_required: 0 };
    const ids = await this.connectedIds();
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hget(this.keys.person(id), 'state');
    for (const [, state] of (await pipeline.exec()) ?? []) {
      if (state === 'reauth_required') counts.reauth_required += 1;
      else if (state === 'active') counts.active += 1;
    }
    return counts;
  }

  async connectedIds(): Promise<string[]> {
    return this.redis.smembers(this.keys.people());
  }

  private seal(personId: string, tokens: StoredTokens): string {
    return this.cipher.encrypt(JSON.stringify(tokens), personId);
  }
}

function parseWebhooks(raw: string | undefined): WebhookRecord[] {
  if (!raw) return [];
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? (value as WebhookRecord[]) : [];
  } catch {
    return [];
  }
}
