/**
 * Fan-out of created and deleted resources to the webhooks that should see them, with the
 * envelope Webex sends (webex-api.md §4): the hook's own fields, `actorId`, and `data` carrying
 * ids only, never message text or card inputs.
 */
import type { WebhookDeliverer } from './delivery.js';
import { attachmentActionMatches, filterOf, messageMatches } from './filters.js';
import type {
  SandboxAttachmentAction,
  SandboxMessage,
  SandboxState,
  SandboxWebhook,
} from './state.js';

export class SandboxEvents {
  constructor(
    private readonly state: SandboxState,
    private readonly deliverer: WebhookDeliverer,
  ) {}

  messageCreated(message: SandboxMessage): void {
    this.messageEvent(message, 'created');
  }

  messageDeleted(message: SandboxMessage): void {
    this.messageEvent(message, 'deleted');
  }

  /** Goes to the hooks of the person who posted the card: "a user interacted with one of your cards". */
  attachmentActionCreated(action: SandboxAttachmentAction, card: SandboxMessage): void {
    const data = {
      id: action.id,
      type: action.type,
      messageId: action.messageId,
      personId: action.personId,
      roomId: action.roomId,
      created: action.created,
    };
    for (const webhook of this.state.webhooks.values()) {
      if (webhook.createdBy !== card.personId) continue;
      // The firehose (`resource=all`) leaves attachmentActions out, so only explicit hooks count.
      if (!listensTo(webhook, 'attachmentActions', 'created', false)) continue;
      const filter = filterOf(webhook.resource, webhook.filter);
      if (typeof filter === 'string' || !attachmentActionMatches(filter, action)) continue;
      this.send(webhook, 'attachmentActions', 'created', action.personId, data);
    }
  }

  private messageEvent(message: SandboxMessage, event: 'created' | 'deleted'): void {
    const room = this.state.rooms.get(message.roomId);
    if (!room) return;
    const data = {
      id: message.id,
      roomId: message.roomId,
      roomType: message.roomType,
      personId: message.personId,
      personEmail: message.personEmail,
      created: message.created,
      ...(message.parentId !== undefined ? { parentId: message.parentId } : {}),
    };
    for (const webhook of this.state.webhooks.values()) {
      if (!room.memberIds.includes(webhook.createdBy)) continue;
      if (!listensTo(webhook, 'messages', event, true)) continue;
      const filter = filterOf('messages', webhook.filter);
      if (typeof filter === 'string' || !messageMatches(filter, message, webhook.createdBy)) {
        continue;
      }
      this.send(webhook, 'messages', event, message.personId, data);
    }
  }

  private send(
    webhook: SandboxWebhook,
    resource: string,
    event: string,
    actorId: string,
    data: Record<string, unknown> & { id: string },
  ): void {
    const envelope = {
      id: webhook.id,
      name: webhook.name,
      targetUrl: webhook.targetUrl,
      resource,
      event,
      ...(webhook.filter !== undefined && webhook.filter !== '' ? { filter: webhook.filter } : {}),
      orgId: webhook.orgId,
      createdBy: webhook.createdBy,
      appId: webhook.appId,
      ownedBy: webhook.ownedBy,
      status: webhook.status,
      created: webhook.created,
      actorId,
      data,
    };
    this.deliverer.deliver(webhook, envelope, data.id);
  }
}

function listensTo(
  webhook: SandboxWebhook,
  resource: string,
  event: string,
  inFirehose: boolean,
): boolean {
  if (webhook.status !== 'active') return false;
  const resourceOk = webhook.resource === resource || (inFirehose && webhook.resource === 'all');
  return resourceOk && (webhook.event === event || webhook.event === 'all');
}
