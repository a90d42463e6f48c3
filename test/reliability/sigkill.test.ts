/**
 * A worker killed outright loses nothing: during a burst of 500 votes from 50 people (and 50
 * commands), one of two workers gets SIGKILL and comes back. Results then shows exactly 50
 * voters with the right counts, and the test reports how many replies were posted twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, eventually } from '../support/http.js';
import type { SamplePerson } from '../support/deputy.js';
import {
  connect,
  firstRoom,
  messages,
  startCluster,
  type Cluster,
  type Message,
} from './cluster.js';

const VOTERS = 50;
const VOTES_EACH = 10;
const COMMANDS = 50;

describe('a worker killed in the middle of a burst', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster({ workers: 2, env: { WORKER_CONCURRENCY: '16' } });
  }, 60_000);
  afterAll(async () => cluster?.close());

  it('loses no vote and posts no reply twice', async () => {
    const ada = cluster.person('Ada');
    await connect(cluster, ada);
    const roomId = await firstRoom(cluster, ada);
    const added = await api<SamplePerson[]>(
      'POST',
      `${cluster.base}/sandbox/control/people`,
      'none',
      {
        count: VOTERS - cluster.people.length,
      },
    );
    expect(added.status).toBe(200);
    const voters = [...cluster.people, ...added.body];
    expect(voters).toHaveLength(VOTERS);

    await api('POST', `${cluster.base}/sandbox/messages`, ada.accessToken, {
      roomId,
      text: '/poll Lunch? | Pizza | Sushi | Tacos',
    });
    const poll = await eventually('the poll card', async () =>
      (await messages(cluster, ada, roomId)).find((m) => m.attachments?.length),
    );
    const pollId = (
      poll.attachments![0]!.content.actions as Array<{ data: { pollId: string } }>
    )[0]!.data.pollId;
    await api('POST', `${cluster.base}/sandbox/control/latency`, 'none', { ms: 20 });

    // Every voter votes ten times; the last vote counts. Voter i ends on option i % 3.
    const expected = [0, 0, 0];
    const burst = voters.map(async (voter, i) => {
      for (let n = 0; n < VOTES_EACH; n++) {
        const choice = n === VOTES_EACH - 1 ? i % 3 : (i + n) % 3;
        await api('POST', `${cluster.base}/sandbox/attachment/actions`, voter.accessToken, {
          type: 'submit',
          messageId: poll.id,
          inputs: { action: 'poll.vote', pollId, choice: String(choice) },
        });
        await new Promise((resolve) => setTimeout(resolve, 3));
      }
      expected[i % 3]! += 1;
    });
    const commands = (async () => {
      for (let n = 0; n < COMMANDS; n++) {
        await api('POST', `${cluster.base}/sandbox/messages`, ada.accessToken, {
          roomId,
          text: `/help ${n}`,
        });
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const victim = cluster.workers[0]!;
    victim.child.kill('SIGKILL');
    await Promise.all([...burst, commands]);
    await cluster.startWorker();
    await api('POST', `${cluster.base}/sandbox/control/latency`, 'none', { ms: 0 });

    const helpReplies = (list: Message[]) =>
      list.filter((m) => m.markdown?.startsWith('**Deputy commands**'));
    await eventually(
      'every command answered',
      async () => {
        const count = helpReplies(await messages(cluster, ada, roomId)).length;
        return count >= COMMANDS ? true : undefined;
      },
      90_000,
    );

    // Results after everything settled: stalled jobs of the killed worker ran again elsewhere.
    await eventually(
      'every vote counted',
      async () => {
        await api('POST', `${cluster.base}/sandbox/attachment/actions`, ada.accessToken, {
          type: 'submit',
          messageId: poll.id,
          inputs: { action: 'poll.results', pollId },
        });
        await new Promise((resolve) => setTimeout(resolve, 500));
        const results = (await messages(cluster, ada, roomId))
          .filter((m) => JSON.stringify(m.attachments ?? []).includes('voters'))
          .at(-1);
        return results && JSON.stringify(results.attachments).includes(`${VOTERS} voters`)
          ? results
          : undefined;
      },
      90_000,
    ).then((results) => {
      const text = results.markdown ?? '';
      expect(text).toContain(`Pizza: ${expected[0]} `);
      expect(text).toContain(`Sushi: ${expected[1]} `);
      expect(text).toContain(`Tacos: ${expected[2]} `);
    });

    const duplicates = helpReplies(await messages(cluster, ada, roomId)).length - COMMANDS;
    console.log(`replies posted twice after SIGKILL: ${duplicates}`);
    expect(duplicates).toBe(0);
  }, 240_000);
});
