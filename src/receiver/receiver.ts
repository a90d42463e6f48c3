/**
 * The webhook receiver: exact bytes, signature, shape, connection check, queue, answer. It
 * never calls Webex and never waits on anything but one Redis round trip or two, so Webex gets
 * its answer in milliseconds.
 */
import type { Queue } from 'bullmq';
import type { Context } from 'koa';
import type { Logger } from '../log/logger.js';
import type { Metrics } from '../metrics/metrics.js';
import type { PersonStore } from '../people/person-store.js';
import type { Keys } from '../redis/keys.js';
import type { Backlog } from '../queue/backlog.js';
import { enqueueEvent, type EnqueueOutcome, type EventJob } from '../queue/event-queue.js';
import { webhookSecretFor } from '../webhooks/secret.js';
import { withDeadline } from '../time/deadline.js';
import { deliverySchema, type Delivery } from '../webex/types.js';
import { BodyTooLarge, readRawBody } from './raw-body.js';
import { verifySignature } from './signature.js';

export const MAX_BODY_BYTES = 64 * 1024;
const REDIS_DEADLINE_MS = 2000;

export interface ReceiverDeps {
  queue: Queue<EventJob>;
  backlog: Backlog;
  people: PersonStore;
  keys: Keys;
  /** The current master webhook secret first, then any previous one still accepted. */
  webhookSecrets: readonly string[];
  logger: Logger;
  metrics: Metrics;
  /** False while the process shuts down: deliveries are refused rather than accepted and lost. */
  accepting: () => boolean;
}

type Outcome =
  | 'queued'
  | 'duplicate'
  | 'not_connected'
  | 'own_message'
  | 'too_large'
  | 'bad_signature'
  | 'malformed'
  | 'unavailable';

export function createReceiver(deps: ReceiverDeps) {
  const secretsFor = personSecrets(deps.webhookSecrets);
  return async function receive(ctx: Context): Promise<void> {
    const started = process.hrtime.bigint();
    const outcome = await handle(ctx, deps, secretsFor);
    deps.metrics.webhooks.inc({ outcome });
    deps.metrics.ackSeconds.observe({ outcome }, Number(process.hrtime.bigint() - started) / 1e9);
  };
}

async function handle(
  ctx: Context,
  deps: ReceiverDeps,
  secretsFor: (personId: string) => string[],
): Promise<Outcome> {
  const log = deps.logger;
  const answer = (status: number, outcome: Outcome, message: string) => {
    ctx.status = status;
    ctx.body = status < 300 ? { outcome } : { error: message };
    return outcome;
  };

  if (!deps.accepting()) return answer(503, 'unavailable', 'shutting down; deliver again later');

  let raw: Buffer;
  try {
    raw = await readRawBody(ctx.req, MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLarge) {
      log.warn({ reason: error.message }, 'webhook refused: body too large');
      ctx.set('Connection', 'close');
      return answer(413, 'too_large', `body is over ${MAX_BODY_BYTES} bytes`);
    }
    throw error;
  }

  const signature = ctx.get('x-spark-signature') || undefined;
  if (!signature) {
    log.warn({ reason: 'missing X-Spark-Signature' }, 'webhook refused: unsigned');
    return answer(401, 'bad_signature', 'missing X-Spark-Signature');
  }

  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    log.warn({ reason: 'body is not JSON', bytes: raw.length }, 'webhook refused: malformed');
    return answer(400, 'malformed', 'body is not valid JSON');
  }
  const createdBy = (json as { createdBy?: unknown } | null)?.createdBy;
  if (typeof createdBy !== 'string' || createdBy === '') {
    log.warn({ reason: 'no createdBy' }, 'webhook refused: malformed');
    return answer(400, 'malformed', 'createdBy is missing');
  }

  const secrets = secretsFor(createdBy);
  if (!verifySignature(raw, secrets, signature)) {
    log.warn({ reason: 'signature mismatch', createdBy }, 'webhook refused: bad signature');
    return answer(401, 'bad_signature', 'X-Spark-Signature does not match the body');
  }

  const parsed = deliverySchema.safeParse(json);
  if (!parsed.success) {
    const reason = parsed.error.issues
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    log.warn({ reason, createdBy }, 'webhook refused: malformed');
    return answer(400, 'malformed', `malformed delivery: ${reason}`);
  }
  const delivery = parsed.data;

  try {
    const queued = await withDeadline(
      queueDelivery(deps, createdBy, delivery),
      REDIS_DEADLINE_MS,
      'queueing the event',
    );
    if (queued === 'not_connected') {
      log.info(
        { personId: createdBy, resource: delivery.resource },
        'delivery for a person who is not connected',
      );
      return answer(202, 'not_connected', '');
    }
    return answer(200, queued, '');
  } catch (error) {
    log.error(
      { reason: error instanceof Error ? error.message : String(error) },
      'webhook not queued: redis unavailable',
    );
    return answer(503, 'unavailable', 'cannot queue the event now; deliver again later');
  }
}

async function queueDelivery(
  deps: ReceiverDeps,
  createdBy: string,
  delivery: Delivery,
): Promise<EnqueueOutcome> {
  // The connection check, and for a message whether Deputy posted it (known once its POST has
  // returned), ride in the backlog script: no extra round trip per delivery.
  return enqueueEvent(
    deps.queue,
    deps.backlog,
    {
      personId: createdBy,
      resource: delivery.resource,
      event: delivery.event,
      dataId: delivery.data.id,
      roomId: delivery.data.roomId,
      actorId: delivery.actorId,
      receivedAt: Date.now(),
    },
    deps.logger,
    {
      connectedKey: deps.people.recordKey(createdBy),
      ...(delivery.resource === 'messages' && delivery.event === 'created'
        ? { ownMessageKey: deps.keys.ownMessage(delivery.data.id) }
        : {}),
    },
  );
}

/**
 * Each person's webhook secrets, derived once (an HMAC-SHA256 per master secret) and kept, so a
 * delivery costs one HMAC, its signature's. Bounded, so deliveries naming made-up people cannot
 * grow it.
 */
function personSecrets(masters: readonly string[]): (personId: string) => string[] {
  const derived = new Map<string, string[]>();
  return (personId) => {
    let secrets = derived.get(personId);
    if (!secrets) {
      if (derived.size >= 10_000) derived.clear();
      secrets = masters.map((master) => webhookSecretFor(master, personId));
      derived.set(personId, secrets);
    }
    return secrets;
  };
}
