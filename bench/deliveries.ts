/**
 * Webhook deliveries as Webex sends them: the envelope of a `messages:created` event for one of
 * the connected people, signed with that person's webhook secret (HMAC-SHA1 of the exact bytes,
 * lowercase hex). Every delivery names a new message id, so none is deduplicated and each one
 * costs the receiver the full path down to the queue.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { webhookSecretFor } from '../src/webhooks/secret.js';

export interface Delivery {
  body: string;
  headers: Record<string, string>;
}

export interface DeliveryTarget {
  personId: string;
  email: string;
  roomId: string;
}

function webexId(kind: string, uuid = randomUUID()): string {
  return Buffer.from(`ciscospark://us/${kind}/${uuid}`).toString('base64url');
}

/** Round-robin over `targets`; the per-person secrets are derived once, not per delivery. */
export function deliveryFactory(
  masterSecret: string,
  publicBaseUrl: string,
  targets: readonly DeliveryTarget[],
): () => Delivery {
  const prepared = targets.map((target) => ({
    ...target,
    secret: webhookSecretFor(masterSecret, target.personId),
    webhookId: webexId('WEBHOOK'),
  }));
  let next = 0;
  return () => {
    const target = prepared[next++ % prepared.length]!;
    const created = new Date().toISOString();
    const body = JSON.stringify({
      id: target.webhookId,
      name: 'deputy-commands',
      targetUrl: `${publicBaseUrl}/webhooks/webex`,
      resource: 'messages',
      event: 'created',
      filter: `personId=${target.personId}`,
      orgId: webexId('ORGANIZATION', '00000000-0000-4000-8000-000000000000'),
      createdBy: target.personId,
      appId: webexId('APPLICATION', '00000000-0000-4000-8000-000000000001'),
      ownedBy: 'creator',
      status: 'active',
      created,
      actorId: target.personId,
      data: {
        id: webexId('MESSAGE'),
        roomId: target.roomId,
        roomType: 'group',
        personId: target.personId,
        personEmail: target.email,
        created,
      },
    });
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'x-spark-signature': createHmac('sha1', target.secret).update(body).digest('hex'),
      },
    };
  };
}
