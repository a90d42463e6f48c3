/**
 * Schemas of the Webex payloads Deputy reads, parsed once where they enter. Unknown fields are
 * kept out of the types on purpose: Deputy relies only on what is named here.
 */
import { z } from 'zod';

export const personSchema = z.object({
  id: z.string().min(1),
  displayName: z.string().default(''),
  emails: z.array(z.string()).default([]),
  orgId: z.string().optional(),
});
export type Person = z.infer<typeof personSchema>;

export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().positive(),
  refresh_token: z.string().min(1).optional(),
  refresh_token_expires_in: z.coerce.number().positive().optional(),
  token_type: z.string().optional(),
  scope: z.string().optional(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

export const webhookSchema = z.object({
  id: z.string(),
  name: z.string(),
  targetUrl: z.string(),
  resource: z.string(),
  event: z.string(),
  filter: z.string().optional(),
  secret: z.string().optional(),
  status: z.string().optional(),
  created: z.string().optional(),
  appId: z.string().optional(),
  createdBy: z.string().optional(),
});
export type Webhook = z.infer<typeof webhookSchema>;

export const webhookListSchema = z.object({ items: z.array(webhookSchema) });

export interface CreateWebhookBody {
  name: string;
  targetUrl: string;
  resource: string;
  event: string;
  filter?: string;
  secret?: string;
}

export interface UpdateWebhookBody {
  name: string;
  targetUrl: string;
  secret?: string;
  status?: 'active';
}

export const messageSchema = z.object({
  id: z.string(),
  roomId: z.string(),
  roomType: z.string().optional(),
  parentId: z.string().optional(),
  personId: z.string().optional(),
  personEmail: z.string().optional(),
  text: z.string().optional(),
  markdown: z.string().optional(),
  created: z.string().optional(),
});
export type Message = z.infer<typeof messageSchema>;

export interface CardAttachment {
  contentType: 'application/vnd.microsoft.card.adaptive';
  content: Record<string, unknown>;
}

export interface CreateMessageBody {
  roomId?: string;
  toPersonId?: string;
  toPersonEmail?: string;
  parentId?: string;
  text?: string;
  markdown?: string;
  attachments?: CardAttachment[];
}

export const attachmentActionSchema = z.object({
  id: z.string(),
  type: z.string(),
  messageId: z.string(),
  personId: z.string(),
  roomId: z.string(),
  inputs: z.record(z.string(), z.unknown()).default({}),
  created: z.string().optional(),
});
export type AttachmentAction = z.infer<typeof attachmentActionSchema>;

/** The envelope Webex POSTs to a webhook's targetUrl. */
export const deliverySchema = z.object({
  id: z.string().optional(),
  name: z.string().optional(),
  resource: z.string().min(1),
  event: z.string().min(1),
  createdBy: z.string().min(1),
  actorId: z.string().optional(),
  orgId: z.string().optional(),
  appId: z.string().optional(),
  data: z
    .object({
      id: z.string().min(1),
      roomId: z.string().optional(),
      personId: z.string().optional(),
      messageId: z.string().optional(),
      parentId: z.string().optional(),
    })
    .loose(),
});
export type Delivery = z.infer<typeof deliverySchema>;
