/**
 * Part 3b, Redis memory per connected person: writes people with `PersonStore.connect`, the very
 * code the OAuth callback runs (person record, encrypted tokens, membership of the people set),
 * under a prefix of their own, with ids, tokens and webhook ids in Webex's formats and lengths.
 * Two figures: the change of INFO used_memory, as the issue asks, and the sum of MEMORY USAGE
 * over the keys written, which other people's test runs on the same Redis cannot disturb.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { PersonStore } from '../src/people/person-store.js';
import { Keys } from '../src/redis/keys.js';
import { TokenCipher } from '../src/tokens/crypto.js';
import { infoField, removePrefix } from './redis.js';
import { mapLimit, sleep } from './util.js';

export interface PeopleMemory {
  people: number;
  /** used_memory after minus before, divided by the people; noisy on a shared Redis. */
  usedMemoryBytesPerPerson: number;
  /** Sum of MEMORY USAGE of every key written, divided by the people. */
  keyBytesPerPerson: number;
  /** The person record's Redis encoding (a JSON string: `raw`, or `embstr` when short). */
  personRecordEncoding: string;
}

const webexId = (kind: string, uuid = randomUUID()) =>
  Buffer.from(`ciscospark://us/${kind}/${uuid}`).toString('base64url');

/** Webex access and refresh tokens: opaque text, cluster and org, about 120 characters. */
const webexToken = (orgUuid: string) => `${randomBytes(40).toString('hex')}_PF84_${orgUuid}`;

async function usedMemory(redis: Redis): Promise<number> {
  return Number(await infoField(redis, 'memory', 'used_memory'));
}

export async function measurePeopleMemory(
  redis: Redis,
  prefix: string,
  count: number,
): Promise<PeopleMemory> {
  const keys = new Keys(prefix);
  const store = new PersonStore(redis, keys, new TokenCipher([randomBytes(32)]));
  const orgUuid = randomUUID();
  const orgId = webexId('ORGANIZATION', orgUuid);
  const ids = Array.from({ length: count }, () => webexId('PEOPLE'));

  const before = await usedMemory(redis);
  await mapLimit(count, 64, async (i) => {
    const now = Date.now();
    await store.connect(
      {
        id: ids[i]!,
        displayName: `Sample Person ${i}`,
        email: `sample.person.${i}@example.com`,
        orgId,
        webhooks: [
          { id: webexId('WEBHOOK'), name: 'deputy-commands', status: 'active' },
          { id: webexId('WEBHOOK'), name: 'deputy-cards', status: 'active' },
        ],
      },
      {
        accessToken: webexToken(orgUuid),
        accessTokenExpiresAt: now + 1_209_599_000,
        refreshToken: webexToken(orgUuid),
        refreshTokenExpiresAt: now + 7_775_999_000,
      },
    );
  });
  // used_memory is sampled, not exact at every instant; a moment lets it settle.
  await sleep(200);
  const after = await usedMemory(redis);

  let keyBytes = 0;
  for (let start = 0; start < count; start += 1000) {
    const pipeline = redis.pipeline();
    for (const id of ids.slice(start, start + 1000)) {
      pipeline.memory('USAGE', keys.person(id), 'SAMPLES', 0);
      pipeline.memory('USAGE', keys.tokens(id), 'SAMPLES', 0);
    }
    for (const [, bytes] of (await pipeline.exec()) ?? []) keyBytes += Number(bytes ?? 0);
  }
  keyBytes += Number(await redis.memory('USAGE', keys.people(), 'SAMPLES', 0));
  const encoding = String(await redis.object('ENCODING', keys.person(ids[0]!)));
  await removePrefix(redis, prefix);
  return {
    people: count,
    usedMemoryBytesPerPerson: Math.round((after - before) / count),
    keyBytesPerPerson: Math.round(keyBytes / count),
    personRecordEncoding: encoding,
  };
}
