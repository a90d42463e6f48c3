/**
 * Creating and deleting messages, shared by the REST routes and the page so that both enforce the
 * same Webex rules (one target, 7439-byte text, one card, threads one level deep, members only)
 * and both fire webhooks the moment a message exists.
 */
import { validateCardAttachments } from './card-rules.js';
import type { SandboxDeps } from './context.js';
import { ApiError, badRequest, notFound } from './errors.js';
import { webexId } from './ids.js';
import { renderMarkdown } from './markdown.js';
import {
  findPerson,
  findPersonByEmail,
  isMember,
  isoNow,
  type SandboxMessage,
  type SandboxPerson,
  type SandboxRoom,
  type SandboxState,
} from './state.js';

export const MAX_MESSAGE_BYTES = 7439;

export function createMessage(
  deps: SandboxDeps,
  sender: SandboxPerson,
  body: Record<string, unknown>,
): SandboxMessage {
  const { state } = deps;
  const field = (name: string): string | undefined => {
    const value = body[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw badRequest(`${name} must be a string`);
    return value;
  };
  const roomId = field('roomId');
  const toPersonId = field('toPersonId');
  const toPersonEmail = field('toPersonEmail');
  const parentId = field('parentId');
  const text = field('text');
  const markdown = field('markdown');
  const targets = [roomId, toPersonId, toPersonEmail].filter((t) => t !== undefined);
  if (targets.length !== 1) {
    throw badRequest('Exactly one of roomId, toPersonId or toPersonEmail must be given.');
  }
  for (const [name, value] of [
    ['text', text],
    ['markdown', markdown],
  ] as const) {
    if (value !== undefined && Buffer.byteLength(value, 'utf8') > MAX_MESSAGE_BYTES) {
      throw badRequest(`The ${name} must be ${MAX_MESSAGE_BYTES} bytes or less.`);
    }
  }
  const files = stringList(body['files'], 'files');
  if (files && files.length > 1) throw badRequest('Only one file may be included with a message.');
  const attachments = validateCardAttachments(body['attachments']);
  if (!text && !markdown && !files?.length && !attachments?.length) {
    throw badRequest('A message needs text, markdown, a file or an attachment.');
  }

  const room = resolveRoom(state, sender, { roomId, toPersonId, toPersonEmail });
  if (parentId !== undefined) checkParent(state, room, parentId);

  const rendered =
    markdown !== undefined
      ? renderMarkdown(markdown, (kind, value) =>
          kind === 'personId' ? findPerson(state, value) : findPersonByEmail(state, value),
        )
      : undefined;
  const message: SandboxMessage = {
    id: webexId('MESSAGE'),
    roomId: room.id,
    roomType: room.type,
    personId: sender.id,
    personEmail: sender.email,
    ...(parentId !== undefined ? { parentId } : {}),
    ...(toPersonId !== undefined ? { toPersonId } : {}),
    ...(toPersonEmail !== undefined ? { toPersonEmail } : {}),
    ...(text !== undefined || rendered ? { text: text ?? rendered?.text } : {}),
    ...(markdown !== undefined ? { markdown, html: rendered?.html } : {}),
    ...(files ? { files } : {}),
    ...(attachments ? { attachments } : {}),
    ...(rendered?.mentionedPeople.length ? { mentionedPeople: rendered.mentionedPeople } : {}),
    ...(rendered?.mentionedGroups.length ? { mentionedGroups: rendered.mentionedGroups } : {}),
    created: isoNow(state),
  };
  state.messages.set(message.id, message);
  room.lastActivity = message.created;
  deps.events.messageCreated(message);
  return message;
}

export function deleteMessage(deps: SandboxDeps, caller: SandboxPerson, messageId: string): void {
  const message = readableMessage(deps.state, caller, messageId);
  if (message.personId !== caller.id) {
    throw new ApiError(403, 'Only the author may delete this message.');
  }
  deps.state.messages.delete(message.id);
  deps.events.messageDeleted(message);
}

/** A message the person may see: it exists and they are a member of its room; otherwise 404. */
export function readableMessage(
  state: SandboxState,
  person: SandboxPerson,
  messageId: string,
): SandboxMessage {
  const message = state.messages.get(messageId);
  const room = message ? state.rooms.get(message.roomId) : undefined;
  if (!message || !room || !isMember(room, person.id)) throw notFound('message');
  return message;
}

function resolveRoom(
  state: SandboxState,
  sender: SandboxPerson,
  target: { roomId?: string; toPersonId?: string; toPersonEmail?: string },
): SandboxRoom {
  if (target.roomId !== undefined) {
    const room = state.rooms.get(target.roomId);
    if (!room || !isMember(room, sender.id)) throw notFound('room');
    return room;
  }
  const other =
    target.toPersonId !== undefined
      ? findPerson(state, target.toPersonId)
      : findPersonByEmail(state, target.toPersonEmail ?? '');
  if (!other) throw notFound('person');
  if (other.id === sender.id) throw badRequest('A direct message needs another person.');
  return directRoom(state, sender, other);
}

function directRoom(state: SandboxState, a: SandboxPerson, b: SandboxPerson): SandboxRoom {
  for (const room of state.rooms.values()) {
    if (room.type === 'direct' && isMember(room, a.id) && isMember(room, b.id)) return room;
  }
  const created = isoNow(state);
  const room: SandboxRoom = {
    id: webexId('ROOM'),
    title: `${a.displayName} and ${b.displayName}`,
    type: 'direct',
    memberIds: [a.id, b.id],
    creatorId: a.id,
    created,
    lastActivity: created,
  };
  state.rooms.set(room.id, room);
  return room;
}

function checkParent(state: SandboxState, room: SandboxRoom, parentId: string): void {
  const parent = state.messages.get(parentId);
  if (!parent || parent.roomId !== room.id) {
    throw badRequest('parentId must be a message in the same room.');
  }
  if (parent.parentId !== undefined) {
    throw badRequest('parentId must be a top-level message: replies cannot have replies.');
  }
}

function stringList(value: unknown, name: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw badRequest(`${name} must be an array of strings`);
  }
  return value as string[];
}
