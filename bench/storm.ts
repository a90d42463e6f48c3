/**
 * Part 4, the refresh storm: a thousand `/help` commands of one person wait in the paused queue,
 * the person's access token is revoked at the sandbox, and the queue is resumed. Every job's
 * first call then answers 401; Deputy should refresh once (one holder of the per-person lock,
 * across both worker processes) and run every job with the new token. Counted: refresh calls at
 * the sandbox's token endpoint, failed jobs, and the time from resuming to the last reply.
 */
import { randomBytes } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { PersonStore } from '../src/people/person-store.js';
import { Keys } from '../src/redis/keys.js';
import { TokenCipher } from '../src/tokens/crypto.js';
import type { SamplePerson, SandboxClient } from './sandbox.js';
import { mapLimit, progress, waitFor } from './util.js';

export interface StormResult {
  jobs: number;
  refreshCalls: number;
  /** From resuming the queue to the last reply at the sandbox. */
  seconds: number | undefined;
  completed: number;
  failedJobs: number;
  /** How the token was revoked: at the sandbox, or by replacing the stored one (same 401). */
  revokedBy: 'sandbox' | 'stored token replaced';
}

export async function runStorm(input: {
  sandbox: SandboxClient;
  person: SamplePerson;
  roomId: string;
  queue: Queue;
  jobs: number;
  redis: Redis;
  prefix: string;
  tokenEncryptionKey: Buffer;
  timeLimitSeconds: number;
}): Promise<StormResult> {
  const { sandbox, person, roomId, queue, jobs } = input;
  const failedBefore = (await queue.getJobCounts('failed')).failed ?? 0;
  await queue.pause();
  try {
    progress(`storm: queueing ${jobs} commands of ${person.displayName} in the paused queue`);
    const commands = await mapLimit(jobs, 64, () =>
      sandbox.createMessage(person.accessToken, roomId, '/help'),
    );
    const queued = await waitFor(async () => {
      const counts = await queue.getJobCounts('waiting', 'prioritized');
      const total = Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0);
      return total >= jobs ? total : undefined;
    }, 60_000);
    if (queued === undefined) throw new Error(`storm: the ${jobs} deliveries were not all queued`);

    const refreshesBefore = await refreshCalls(sandbox, person.id);
    const revokedBy = (await sandbox.revokeAccessTokens(person.id))
      ? 'sandbox'
      : await replaceStoredToken(input);
    const resumedAt = Date.now();
    await queue.resume();

    const isReply = (m: { personId: string; markdown?: string; created: string }) =>
      m.personId === person.id &&
      (m.markdown ?? '').startsWith('**Deputy commands**') &&
      Date.parse(m.created) >= resumedAt;
    let replies: Awaited<ReturnType<SandboxClient['roomMessages']>> = [];
    await waitFor(
      async () => {
        const counts = await queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed');
        if (Object.values(counts).some((n) => (n ?? 0) > 0)) return undefined;
        replies = (await sandbox.roomMessages(person.accessToken, roomId)).filter(isReply);
        return replies.length >= jobs ? true : undefined;
      },
      input.timeLimitSeconds * 1000,
      250,
    );
    const last = Math.max(0, ...replies.map((m) => Date.parse(m.created)));
    const result: StormResult = {
      jobs,
      refreshCalls: (await refreshCalls(sandbox, person.id)) - refreshesBefore,
      seconds: replies.length > 0 ? (last - resumedAt) / 1000 : undefined,
      completed: replies.length,
      failedJobs: ((await queue.getJobCounts('failed')).failed ?? 0) - failedBefore,
      revokedBy,
    };
    await mapLimit(commands.length + replies.length, 32, (i) =>
      sandbox.deleteMessage(person.accessToken, (commands[i] ?? replies[i - commands.length])!.id),
    );
    return result;
  } finally {
    await queue.resume();
  }
}

async function refreshCalls(sandbox: SandboxClient, personId: string): Promise<number> {
  const calls = await sandbox.tokenCalls();
  return calls.filter(
    (call) =>
      call.grantType === 'refresh_token' &&
      (call.personId === undefined || call.personId === personId),
  ).length;
}

/**
 * Without the sandbox's revoke control, the stored access token is replaced by one the sandbox
 * never issued: Deputy sees the same 401 on its next call and must refresh the same way.
 */
async function replaceStoredToken(input: {
  redis: Redis;
  prefix: string;
  tokenEncryptionKey: Buffer;
  person: SamplePerson;
}): Promise<'stored token replaced'> {
  const store = new PersonStore(
    input.redis,
    new Keys(input.prefix),
    new TokenCipher([input.tokenEncryptionKey]),
  );
  const tokens = await store.getTokens(input.person.id);
  if (!tokens) throw new Error('storm: the person has no stored tokens');
  await store.saveTokens(input.person.id, {
    ...tokens,
    accessToken: randomBytes(40).toString('hex'),
  });
  return 'stored token replaced';
}
