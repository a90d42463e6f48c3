/**
 * Card submissions ("attachment actions"), shared by the REST route and the page's card buttons:
 * only members of the card's room may submit, only messages that carry a card accept one, and the
 * card author's webhooks hear about it at once.
 */
import { cardOf, isObject } from './card-rules.js';
import type { SandboxDeps } from './context.js';
import { badRequest, notFound } from './errors.js';
import { webexId } from './ids.js';
import { readableMessage } from './messages.js';
import {
  isMember,
  isoNow,
  type SandboxAttachmentAction,
  type SandboxPerson,
  type SandboxState,
} from './state.js';

export function createAttachmentAction(
  deps: SandboxDeps,
  person: SandboxPerson,
  body: Record<string, unknown>,
): SandboxAttachmentAction {
  if (body['type'] !== 'submit') throw badRequest('type must be submit');
  const messageId = body['messageId'];
  if (typeof messageId !== 'string' || messageId === '') throw badRequest('messageId is required');
  const inputs = body['inputs'];
  if (!isObject(inputs)) throw badRequest('inputs must be an object');
  const message = readableMessage(deps.state, person, messageId);
  if (!cardOf(message.attachments)) throw badRequest('The message does not carry a card.');
  const action: SandboxAttachmentAction = {
    id: webexId('ATTACHMENT_ACTION'),
    type: 'submit',
    messageId: message.id,
    inputs,
    personId: person.id,
    roomId: message.roomId,
    created: isoNow(deps.state),
  };
  deps.state.attachmentActions.set(action.id, action);
  deps.events.attachmentActionCreated(action, message);
  return action;
}

export function readableAttachmentAction(
  state: SandboxState,
  person: SandboxPerson,
  id: string,
): SandboxAttachmentAction {
  const action = state.attachmentActions.get(id);
  const room = action ? state.rooms.get(action.roomId) : undefined;
  if (!action || !room || !isMember(room, person.id)) throw notFound('attachment action');
  return action;
}
