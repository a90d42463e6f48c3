/**
 * A person who disconnects, or must reconnect, while one of their jobs runs: the job posts
 * nothing more as them and ends without a retry.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DeputyApp } from '../../src/commands/types.js';
import { PersonStore } from '../../src/people/person-store.js';
import { Keys } from '../../src/redis/keys.js';
import { TokenCipher } from '../../src/tokens/crypto.js';
import { api, eventually } from '../support/http.js';
import {
  connectThroughSandbox,
  firstRoomOf,
  roomMessages,
  startTestDeputy,
  type TestDeputy,
} from '../support/deputy.js';
import { testRedis } from '../support/redis.js';

/** A command that waits for the test to open a gate before it replies. */
function gatedCommand() {
  let running = false;
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const app: DeputyApp = {
    commands: [
      {
        name: 'later',
        usage: '/later',
        description: 'Replies once the test lets it.',
        async run(context) {
          running = true;
          await gate;
          await context.reply({ markdown: 'Replying later.' });
        },
      },
    ],
    actions: [],
  };
  return { app, running: () => running, open };
}

describe('A job whose person changes state while it runs', () => {
  let test: TestDeputy | undefined;
  afterEach(async () => {
    await test?.close();
    test = undefined;
  });

  for (const change of ['disconnects', 'must reconnect'] as const) {
    it(`posts nothing once the person ${change}`, async () => {
      const later = gatedCommand();
      test = await startTestDeputy('mid-job', { apps: [later.app] });
      const ada = test.person('Ada');
      await connectThroughSandbox(test, ada);
      const roomId = await firstRoomOf(test, ada);
      await api('POST', `${test.base}/sandbox/messages`, ada.accessToken, {
        roomId,
        text: '/later',
      });
      await eventually('the command to run', async () => later.running() || undefined);

      const { config } = test.deputy;
      const redis = testRedis();
      const people = new PersonStore(
        redis,
        new Keys(config.keyPrefix),
        new TokenCipher([config.tokenEncryptionKey]),
      );
      if (change === 'disconnects') await people.disconnect(ada.id);
      else await people.setState(ada.id, 'reauth_required');
      redis.disconnect();
      later.open();
      await test.settled();

      const replies = (await roomMessages(test, ada, roomId)).filter(
        (m) => m.markdown === 'Replying later.',
      );
      expect(replies).toEqual([]);
      const failed = await test.queue.getFailed();
      expect(failed.map((job) => [job.name, job.attemptsMade])).toEqual([['messages:created', 1]]);
      const jobs = await test.deputy.metrics.registry.getSingleMetricAsString('deputy_jobs_total');
      const outcome = change === 'disconnects' ? 'not_connected' : 'reauth_required';
      expect(jobs).toMatch(new RegExp(`outcome="${outcome}"\\} 1`));
    });
  }
});
