/**
 * The whole pipeline through HTTP only, on real Redis, with the sandbox as Webex: connect,
 * type /poll, vote as three people, read the results, close.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintCard } from '../../src/cards/lint.js';
import { api } from '../support/http.js';
import {
  cardOf,
  connectThroughSandbox,
  roomMessages,
  startTestDeputy,
  waitForMessage,
  type SamplePerson,
  type SandboxMessage,
  type TestDeputy,
} from '../support/deputy.js';

interface SandboxWebhook {
  id: string;
  name: string;
  targetUrl: string;
  resource: string;
  event: string;
  filter?: string;
  status: string;
  createdBy: string;
}

/** Option rows of a results card: label, count and share, read from its ColumnSets. */
function resultRows(card: Record<string, unknown>): Array<[string, string, string]> {
  const texts = (node: unknown): string[] => {
    if (Array.isArray(node)) return node.flatMap(texts);
    if (typeof node !== 'object' || node === null) return [];
    const record = node as Record<string, unknown>;
    const own =
      typeof record.text === 'string' && (record.type === 'TextBlock' || record.type === 'TextRun')
        ? [record.text]
        : [];
    return [...own, ...Object.values(record).flatMap(texts)];
  };
  const body = card.body as Array<Record<string, unknown>>;
  return body
    .filter((element) => element.type === 'ColumnSet')
    .map((row) => texts(row.columns) as [string, string, string]);
}

function allTexts(card: Record<string, unknown>): string {
  return JSON.stringify(card);
}

describe('the poll flow, end to end', () => {
  let test: TestDeputy;
  let ada: SamplePerson;
  let roomId: string;
  let pollMessage: SandboxMessage;
  let pollId: string;

  beforeAll(async () => {
    test = await startTestDeputy('e2e');
    ada = test.person('Ada');
  });
  afterAll(async () => {
    await test?.close();
  });

  const webhooksOf = async (person: SamplePerson) => {
    const all = (
      await api<SandboxWebhook[] | { items: SandboxWebhook[] }>(
        'GET',
        `${test.base}/sandbox/control/webhooks`,
        'none',
      )
    ).body;
    const list = Array.isArray(all) ? all : all.items;
    return list.filter((webhook) => webhook.createdBy === person.id);
  };

  const vote = async (voter: SamplePerson, inputs: Record<string, string>) => {
    const response = await api(
      'POST',
      `${test.base}/sandbox/attachment/actions`,
      voter.accessToken,
      {
        type: 'submit',
        messageId: pollMessage.id,
        inputs: { action: 'poll.vote', pollId, ...inputs },
      },
    );
    expect(response.status).toBeLessThan(300);
    await test.settled();
  };

  const press = async (who: SamplePerson, action: string) => {
    const response = await api('POST', `${test.base}/sandbox/attachment/actions`, who.accessToken, {
      type: 'submit',
      messageId: pollMessage.id,
      inputs: { action, pollId },
    });
    expect(response.status).toBeLessThan(300);
    await test.settled();
  };

  const messagesByAda = async () =>
    (await roomMessages(test, ada, roomId)).filter((m) => m.personId === ada.id);

  it('connects through the sandbox and registers exactly two webhooks, also when connecting again', async () => {
    const { account } = await connectThroughSandbox(test, ada);
    expect(account).toContain('Ada Lovelace');
    expect(account).toContain('deputy-commands');
    expect(account).toContain('deputy-cards');

    await connectThroughSandbox(test, ada);
    const webhooks = await webhooksOf(ada);
    expect(webhooks.map((w) => w.name).sort()).toEqual(['deputy-cards', 'deputy-commands']);
    for (const webhook of webhooks) {
      expect(webhook.targetUrl).toBe(`${test.base}/webhooks/webex`);
      expect(webhook.status).toBe('active');
    }
    const commands = webhooks.find((w) => w.name === 'deputy-commands')!;
    expect([commands.resource, commands.event, commands.filter]).toEqual([
      'messages',
      'created',
      `personId=${ada.id}`,
    ]);
    const cards = webhooks.find((w) => w.name === 'deputy-cards')!;
    expect([cards.resource, cards.event]).toEqual(['attachmentActions', 'created']);
  });

  it('answers /poll typed by the person with a poll card', async () => {
    const rooms = await api<{ items: Array<{ id: string }> }>(
      'GET',
      `${test.base}/sandbox/rooms`,
      ada.accessToken,
    );
    roomId = rooms.body.items[0]!.id;
    const typed = await api<SandboxMessage>(
      'POST',
      `${test.base}/sandbox/messages`,
      ada.accessToken,
      {
        roomId,
        text: '/poll Lunch? | Pizza | Sushi',
      },
    );
    expect(typed.status).toBe(200);

    pollMessage = await waitForMessage(
      test,
      ada,
      roomId,
      (m) => cardOf(m) !== undefined,
      'the poll card',
    );
    await test.settled();
    const card = cardOf(pollMessage)!;
    expect(lintCard(card)).toEqual([]);
    expect(allTexts(card)).toContain('Lunch?');
    expect(allTexts(card)).toContain('Pizza');
    expect(allTexts(card)).toContain('Sushi');
    const titles = (card.actions as Array<{ title: string; data: { pollId: string } }>).map(
      (a) => a.title,
    );
    expect(titles).toEqual(['Vote', 'Results', 'Close']);
    pollId = (card.actions as Array<{ data: { pollId: string } }>)[0]!.data.pollId;
    expect(pollMessage.markdown).toContain('Lunch?');
  });

  it('does not answer its own messages: the poll card was posted once and nothing loops', async () => {
    await test.settled();
    const mine = await messagesByAda();
    // The command Ada typed and the one poll card Deputy posted for her.
    expect(mine).toHaveLength(2);
    // Recognised by the receiver when its record was written before the webhook came, else by
    // a worker.
    const { registry } = test.deputy.metrics;
    const seen = [
      await registry.getSingleMetricAsString('deputy_webhooks_total'),
      await registry.getSingleMetricAsString('deputy_jobs_total'),
    ].join('\n');
    expect(seen).toMatch(/outcome="own_message"\} [1-9]/);
  });

  it('counts one vote a person, a new vote replacing the old one, and shows the results', async () => {
    await vote(test.person('Grace'), { choice: '0' });
    await vote(test.person('José'), { choice: '1' });
    await vote(test.person('Alan'), { choice: '1' });
    await vote(test.person('Alan'), { choice: '0' });
    await press(test.person('Grace'), 'poll.results');

    const results = await waitForMessage(
      test,
      ada,
      roomId,
      (m) => allTexts(cardOf(m) ?? {}).includes('voters'),
      'the results card',
    );
    expect(results.parentId).toBe(pollMessage.id);
    const card = cardOf(results)!;
    expect(lintCard(card)).toEqual([]);
    expect(allTexts(card)).not.toContain('Final results');
    expect(resultRows(card)).toEqual([
      ['Pizza', '2', '67%'],
      ['Sushi', '1', '33%'],
    ]);
    expect(allTexts(card)).toContain('3 voters');
  });

  it('changes nothing for forged submissions: an option not in the poll, an unknown poll, another card', async () => {
    const grace = test.person('Grace');
    await vote(grace, { choice: '7' });
    await vote(grace, { choice: 'Pizza' });
    await vote(grace, { choice: '-1' });
    await vote(grace, { pollId: 'no-such-poll', choice: '1' });
    // A real poll id, but submitted on a card that is not that poll's.
    const helpCard = await api<SandboxMessage>(
      'POST',
      `${test.base}/sandbox/messages`,
      ada.accessToken,
      {
        roomId,
        text: '/help',
      },
    );
    expect(helpCard.status).toBe(200);
    await test.settled();
    const help = (await messagesByAda()).at(-1)!;
    await api('POST', `${test.base}/sandbox/attachment/actions`, grace.accessToken, {
      type: 'submit',
      messageId: help.id,
      inputs: { action: 'poll.vote', pollId, choice: '1' },
    });
    await test.settled();

    // An action the card's buttons do not carry, such as the poll form's, is not run.
    await api('POST', `${test.base}/sandbox/attachment/actions`, grace.accessToken, {
      type: 'submit',
      messageId: help.id,
      inputs: { action: 'poll.create', question: 'Forged?', options: 'yes\nno' },
    });
    await test.settled();
    expect((await messagesByAda()).at(-1)!.id).toBe(help.id);

    const logged = test.logs.text();
    expect(logged).toContain('card submission ignored: not an action of this card');
    expect(logged).toContain('vote ignored: not an option of the poll');
    expect(logged).toContain('card submission ignored: no such poll on this card');
    await press(grace, 'poll.results');
    const results = (await messagesByAda()).at(-1)!;
    expect(resultRows(cardOf(results)!)).toEqual([
      ['Pizza', '2', '67%'],
      ['Sushi', '1', '33%'],
    ]);
  });

  it('ignores Close from someone who is not the author', async () => {
    const before = (await messagesByAda()).length;
    await press(test.person('Grace'), 'poll.close');
    const after = await messagesByAda();
    expect(after.some((m) => allTexts(cardOf(m) ?? {}).includes('Final results'))).toBe(false);
    // One notice explains who may close; the poll stays open.
    expect(after).toHaveLength(before + 1);
    expect(allTexts(cardOf(after.at(-1)!) ?? {})).toContain('Only the author can close this poll');
    await vote(test.person('José'), { choice: '0' });
    await vote(test.person('José'), { choice: '1' });
    const notices = (await messagesByAda()).filter((m) =>
      allTexts(cardOf(m) ?? {}).includes('This poll is closed'),
    );
    expect(notices).toHaveLength(0);
  });

  it('posts the final results when the author closes, and refuses later votes', async () => {
    // The first post of the final results fails; the retry still posts them, once.
    await api('POST', `${test.base}/sandbox/control/faults`, 'none', {
      route: 'POST /messages',
      status: 503,
      count: 1,
      personId: ada.id,
    });
    await press(ada, 'poll.close');
    const final = await waitForMessage(
      test,
      ada,
      roomId,
      (m) => allTexts(cardOf(m) ?? {}).includes('Final results'),
      'the final results',
    );
    expect(final.parentId).toBe(pollMessage.id);
    expect(resultRows(cardOf(final)!)).toEqual([
      ['Pizza', '2', '67%'],
      ['Sushi', '1', '33%'],
    ]);
    const finals = (await messagesByAda()).filter((m) =>
      allTexts(cardOf(m) ?? {}).includes('Final results'),
    );
    expect(finals).toHaveLength(1);

    await vote(test.person('Grace'), { choice: '1' });
    const refused = (await messagesByAda()).at(-1)!;
    expect(allTexts(cardOf(refused) ?? {})).toContain('This poll is closed');
    await press(test.person('José'), 'poll.results');
    const again = (await messagesByAda()).at(-1)!;
    expect(resultRows(cardOf(again)!)).toEqual([
      ['Pizza', '2', '67%'],
      ['Sushi', '1', '33%'],
    ]);
    expect(allTexts(cardOf(again)!)).toContain('Final results');
  });
});
