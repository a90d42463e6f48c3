/**
 * Re-deliveries (F11): a repeat within the 24-hour window is acknowledged and not run again,
 * whether the first run completed or failed for good. The refusal is logged, never silent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBody } from '../../src/receiver/signature.js';
import { webhookSecretFor } from '../../src/webhooks/secret.js';
import { api } from '../support/http.js';
import {
  connectThroughSandbox,
  roomMessages,
  startTestDeputy,
  type SamplePerson,
  type TestDeputy,
} from '../support/deputy.js';

const WEBHOOK_SECRET = 'redelivery-test-webhook-secret';

describe('a delivery that comes again', () => {
  let test: TestDeputy;
  let ada: SamplePerson;
  let roomId: string;
  beforeAll(async () => {
    test = await startTestDeputy('redelivery', { env: { WEBHOOK_SECRET } });
    ada = test.person('Ada');
    await connectThroughSandbox(test, ada);
    const rooms = await api<{ items: Array<{ id: string }> }>(
      'GET',
      `${test.base}/sandbox/rooms`,
      ada.accessToken,
    );
    roomId = rooms.body.items[0]!.id;
  });
  afterAll(async () => test?.close());

  const deliver = async (messageId: string) => {
    const body = JSON.stringify({
      id: 'WEBHOOK_AGAIN',
      resource: 'messages',
      event: 'created',
      createdBy: ada.id,
      data: { id: messageId, roomId, personId: ada.id },
    });
    const response = await fetch(`${test.base}/webhooks/webex`, {
      method: 'POST',
      headers: { 'x-spark-signature': signBody(webhookSecretFor(WEBHOOK_SECRET, ada.id), body) },
      body,
    });
    return { status: response.status, body: (await response.json()) as { outcome: string } };
  };

  it('after its job completed: acknowledged, no second reply', async () => {
    const typed = await api<{ id: string }>(
      'POST',
      `${test.base}/sandbox/messages`,
      ada.accessToken,
      { roomId, text: '/help' },
    );
    await test.settled();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await deliver(typed.body.id)).toEqual({ status: 200, body: { outcome: 'duplicate' } });
    await test.settled();
    const replies = (await roomMessages(test, ada, roomId)).filter((m) =>
      m.markdown?.startsWith('**Deputy commands**'),
    );
    expect(replies).toHaveLength(1);
  });

  it('after its job failed for good: refused on purpose, with a log line, within the window', async () => {
    // A message id Webex does not know: the fetch answers 404 and the job fails without retry.
    expect(await deliver('NO_SUCH_MESSAGE')).toEqual({ status: 200, body: { outcome: 'queued' } });
    await test.settled();
    const failed = await test.queue.getFailed();
    expect(failed.map((job) => job.data.dataId)).toContain('NO_SUCH_MESSAGE');
    expect(await deliver('NO_SUCH_MESSAGE')).toEqual({
      status: 200,
      body: { outcome: 'duplicate' },
    });
    expect(test.logs.text()).toContain('duplicate event ignored');
  });
});
