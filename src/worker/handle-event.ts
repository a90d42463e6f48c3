/**
 * What a worker does with one queued event: a command typed by the person, or a card
 * submission coming back. Handlers get a context that replies as the person.
 */
import type { Job } from 'bullmq';
import type { Logger } from '../log/logger.js';
import type { Registry } from '../commands/registry.js';
import { parseCommand } from '../commands/registry.js';
import type { Reply, ReplyOptions } from '../commands/types.js';
import type { ActingAs, PersonTokens } from '../tokens/person-tokens.js';
import type { WebexClient } from '../webex/client.js';
import { dedupeKey, type EventJob } from '../queue/event-queue.js';
import { OwnershipPending, type Replies } from './replies.js';
import { CARD_CONTENT_TYPE } from '../cards/render.js';

export interface EventDeps {
  registry: Registry;
  tokens: PersonTokens;
  client: WebexClient;
  replies: Replies;
}

/** How an event ended when it did not fail; counted in the metrics. */
export type Handled = 'command' | 'action' | 'own_message' | 'ignored';

export async function handleEvent(
  job: Job<EventJob>,
  deps: EventDeps,
  log: Logger,
): Promise<Handled> {
  // The person's record and tokens, read once for the whole job; throws if not connected.
  const as = await deps.tokens.actingAs(job.data.personId);
  if (job.name === 'messages:created') return handleMessage(job.data, as, deps, log);
  if (job.name === 'attachmentActions:created') return handleAction(job.data, as, deps, log);
  log.debug({ resource: job.data.resource, event: job.data.event }, 'event kind not handled');
  return 'ignored';
}

async function handleMessage(
  event: EventJob,
  as: ActingAs,
  deps: EventDeps,
  log: Logger,
): Promise<Handled> {
  const { person } = as;
  const ownership = await deps.replies.ownership(
    event.dataId,
    person.id,
    event.roomId,
    event.receivedAt,
  );
  if (ownership === 'own') return 'own_message';
  if (ownership !== 'other') throw new OwnershipPending(event.dataId, ownership.recheckMs);

  const message = await as.withToken((token) => deps.client.getMessage(token, event.dataId));
  if (message.personId !== undefined && message.personId !== person.id) {
    log.debug('message by someone else ignored');
    return 'ignored';
  }
  const parsed = parseCommand(message.text ?? message.markdown);
  const command = parsed && deps.registry.command(parsed.name);
  if (!parsed || !command) return 'ignored';

  log.info({ command: command.name }, 'running command');
  await command.run({
    person,
    message,
    args: parsed.args,
    eventKey: dedupeKey(event),
    log,
    reply: replier(event, as, deps, message.roomId, message.parentId),
  });
  return 'command';
}

async function handleAction(
  event: EventJob,
  as: ActingAs,
  deps: EventDeps,
  log: Logger,
): Promise<Handled> {
  const { person } = as;
  const action = await as.withToken((token) =>
    deps.client.getAttachmentAction(token, event.dataId),
  );
  const card = await deps.replies.ownMessage(action.messageId);
  if (!card || card.personId !== person.id) {
    log.warn({ messageId: action.messageId }, 'card submission ignored: not a card Deputy posted');
    return 'ignored';
  }
  const { action: actionName, ...inputs } = normaliseInputs(action.inputs);
  // Anyone in the space can submit anything: only the actions this card's buttons carry count.
  const handler =
    actionName && card.actions.includes(actionName) ? deps.registry.action(actionName) : undefined;
  if (!handler) {
    log.warn(
      { action: actionName?.slice(0, 64) },
      'card submission ignored: not an action of this card',
    );
    return 'ignored';
  }
  log.info({ action: handler.action, actorId: action.personId }, 'running card action');
  await handler.run({
    person,
    action,
    inputs,
    eventKey: dedupeKey(event),
    log,
    reply: replier(event, as, deps, action.roomId, card.parentId),
  });
  return 'action';
}

function replier(
  event: EventJob,
  as: ActingAs,
  deps: EventDeps,
  roomId: string,
  defaultParentId: string | undefined,
) {
  const jobKey = dedupeKey(event);
  let index = 0;
  return async (reply: Reply, options: ReplyOptions = {}): Promise<string> => {
    const parentId = options.parentId ?? defaultParentId;
    return deps.replies.post(as, jobKey, index++, {
      roomId,
      ...(parentId ? { parentId } : {}),
      markdown: reply.markdown,
      ...(reply.card
        ? { attachments: [{ contentType: CARD_CONTENT_TYPE, content: reply.card }] }
        : {}),
    });
  };
}

/** Input values as strings; an empty value counts as not given, whichever way the client sent it. */
export function normaliseInputs(inputs: Record<string, unknown>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(inputs)) {
    if (value === undefined || value === null) continue;
    const text =
      typeof value === 'string'
        ? value
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value);
    if (text.trim() !== '') result[key] = text;
  }
  return result;
}
