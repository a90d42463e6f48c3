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

/**
 * The person record is one JSON string, not a hash: its ids are base64 text of 80 bytes or more,
 * past Redis's 64-byte limit for compact (listpack) hashes, and a hashtable-encoded hash of eight
 * fields costs about 1.2 KB where the same JSON as a string costs about 0.7 KB. Changing one field
 * is a read-modify-write inside Redis (cjson), so concurrent writers cannot lose each other's
 * change, and a person who disconnected meanwhile stays disconnected.
 */
const UPDATE = `
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local person = cjson.decode(raw)
local change = cjson.decode(ARGV[1])
for field, value in pairs(change) do person[field] = value end
redis.call('SET', KEYS[1], cjson.encode(person), 'KEEPTTL')
return 1`;

/** Replaces sealed tokens with the same tokens sealed anew, unless they changed meanwhile. */
const RESEAL = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
return 1`;

type WithUpdate = Redis & {
  personUpdate(key: string, change: string): Promise<number>;
  tokensReseal(key: string, expected: string, resealed: string): Promise<number>;
};

export class PersonStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly cipher: TokenCipher,
  ) {
    if (!('personUpdate' in redis)) {
      redis.defineCommand('personUpdate', { numberOfKeys: 1, lua: UPDATE });
      redis.defineCommand('tokensReseal', { numberOfKeys: 1, lua: RESEAL });
    }
  }

  private update(personId: string, change: Record<string, unknown>): Promise<number> {
    return (this.redis as WithUpdate).personUpdate(
      this.keys.person(personId),
      JSON.stringify(change),
    );
  }

  /** Stores a newly connected (or reconnected) person and their tokens in one transaction. */
  async connect(
    person: Omit<ConnectedPerson, 'state' | 'connectedAt' | 'webhooksCheckedAt'>,
    tokens: StoredTokens,
  ): Promise<void> {
    await this.redis
      .multi()
      .del(this.keys.refreshWarning(person.id))
      .set(
        this.keys.person(person.id),
        JSON.stringify({
          id: person.id,
          displayName: person.displayName,
          email: person.email,
          orgId: person.orgId ?? '',
          state: 'active',
          connectedAt: Date.now(),
          webhooks: person.webhooks,
          webhooksCheckedAt: Date.now(),
        }),
      )
      .set(this.keys.tokens(person.id), this.seal(person.id, tokens))
      .sadd(this.keys.people(), person.id)
      .exec();
  }

  async get(personId: string): Promise<ConnectedPerson | undefined> {
    return parsePerson(await this.redis.get(this.keys.person(personId)));
  }

  /** The key whose presence means "connected", for scripts that check it themselves. */
  recordKey(personId: string): string {
    return this.keys.person(personId);
  }

  async isConnected(personId: string): Promise<boolean> {
    return (await this.redis.exists(this.keys.person(personId))) === 1;
  }

  async getTokens(personId: string): Promise<StoredTokens | undefined> {
    return this.openTokens(personId, await this.redis.get(this.keys.tokens(personId)));
  }

  /**
   * The person's record and sealed tokens in one round trip. The tokens are decrypted only when
   * `openTokens` is called, so a caller can look at the record's state first.
   */
  async getWithTokens(personId: string): Promise<{
    person: ConnectedPerson | undefined;
    openTokens: () => Promise<StoredTokens | undefined>;
  }> {
    const [record, sealed] = await this.redis.mget(
      this.keys.person(personId),
      this.keys.tokens(personId),
    );
    return {
      person: parsePerson(record ?? null),
      openTokens: () => this.openTokens(personId, sealed ?? null),
    };
  }

  /** Decrypts sealed tokens, re-sealing them with the current key when an older one was used. */
  private async openTokens(
    personId: string,
    sealed: string | null,
  ): Promise<StoredTokens | undefined> {
    if (!sealed) return undefined;
    const { plaintext, stale } = this.cipher.decrypt(sealed, personId);
    const tokens = JSON.parse(plaintext) as StoredTokens;
    if (stale) {
      // Only if nobody has stored newer tokens since this copy was read.
      await (this.redis as WithUpdate).tokensReseal(
        this.keys.tokens(personId),
        sealed,
        this.seal(personId, tokens),
      );
    }
    return tokens;
  }

  async saveTokens(personId: string, tokens: StoredTokens): Promise<void> {
    // XX: a person who disconnected meanwhile stays disconnected.
    await this.redis.set(this.keys.tokens(personId), this.seal(personId, tokens), 'XX');
  }

  async setState(personId: string, state: ConnectionState): Promise<void> {
    await this.update(personId, { state });
  }

  async saveWebhooks(personId: string, webhooks: WebhookRecord[]): Promise<void> {
    // cjson writes an empty list back as {}; parsePerson reads anything but a list as none.
    await this.update(personId, { webhooks, webhooksCheckedAt: Date.now() });
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
    for (const id of ids) pipeline.get(this.keys.person(id));
    for (const [, raw] of (await pipeline.exec()) ?? []) {
      const person = parsePerson(raw as string | null);
      if (person) counts[person.state] += 1;
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

function parsePerson(raw: string | null): ConnectedPerson | undefined {
  if (!raw) return undefined;
  let fields: Record<string, unknown>;
  try {
    fields = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (typeof fields.id !== 'string') return undefined;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    id: fields.id,
    displayName: text(fields.displayName),
    email: text(fields.email),
    orgId: text(fields.orgId) || undefined,
    state: fields.state === 'reauth_required' ? 'reauth_required' : 'active',
    connectedAt: Number(fields.connectedAt ?? 0),
    webhooks: Array.isArray(fields.webhooks) ? (fields.webhooks as WebhookRecord[]) : [],
    webhooksCheckedAt:
      typeof fields.webhooksCheckedAt === 'number' ? fields.webhooksCheckedAt : undefined,
  };
}
