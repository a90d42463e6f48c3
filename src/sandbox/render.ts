/**
 * The JSON objects the REST routes return, built field by field in Webex's order so that
 * internal bookkeeping (failure counters, tokens) never leaks into a response.
 */
import type {
  SandboxAttachmentAction,
  SandboxMessage,
  SandboxPerson,
  SandboxRoom,
  SandboxState,
  SandboxWebhook,
} from './state.js';

export function personJson(state: SandboxState, person: SandboxPerson, apiBaseUrl: string) {
  return {
    id: person.id,
    emails: [person.email],
    displayName: person.displayName,
    nickName: person.nickName,
    firstName: person.firstName,
    lastName: person.lastName,
    avatar: `${apiBaseUrl}/avatars/${encodeURIComponent(person.id)}.svg`,
    orgId: state.org.id,
    created: person.created,
    lastModified: person.created,
    status: 'active',
    type: 'person',
  };
}

/** A direct room has no title of its own at Webex: each side sees the other person's name. */
export function roomJson(state: SandboxState, room: SandboxRoom, viewerId: string) {
  const other = state.people.find((p) => room.memberIds.includes(p.id) && p.id !== viewerId);
  return {
    id: room.id,
    title: room.type === 'direct' ? (other?.displayName ?? room.title) : room.title,
    type: room.type,
    isLocked: false,
    lastActivity: room.lastActivity,
    creatorId: room.creatorId,
    created: room.created,
    ownerId: state.org.id,
    isPublic: false,
    isReadOnly: false,
  };
}

export function messageJson(message: SandboxMessage) {
  return {
    id: message.id,
    parentId: message.parentId,
    roomId: message.roomId,
    roomType: message.roomType,
    toPersonId: message.toPersonId,
    toPersonEmail: message.toPersonEmail,
    text: message.text,
    markdown: message.markdown,
    html: message.html,
    files: message.files,
    personId: message.personId,
    personEmail: message.personEmail,
    mentionedPeople: message.mentionedPeople,
    mentionedGroups: message.mentionedGroups,
    attachments: message.attachments,
    created: message.created,
  };
}

export function webhookJson(webhook: SandboxWebhook) {
  return {
    id: webhook.id,
    name: webhook.name,
    targetUrl: webhook.targetUrl,
    resource: webhook.resource,
    event: webhook.event,
    filter: webhook.filter,
    secret: webhook.secret,
    orgId: webhook.orgId,
    createdBy: webhook.createdBy,
    appId: webhook.appId,
    ownedBy: webhook.ownedBy,
    status: webhook.status,
    created: webhook.created,
  };
}

export function attachmentActionJson(action: SandboxAttachmentAction) {
  return {
    id: action.id,
    type: action.type,
    messageId: action.messageId,
    inputs: action.inputs,
    personId: action.personId,
    roomId: action.roomId,
    created: action.created,
  };
}
