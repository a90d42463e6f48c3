/**
 * What Webex accepts as message `attachments`: at most one, of content type
 * `application/vnd.microsoft.card.adaptive`, whose content is an AdaptiveCard with a version.
 * The missing-version text is the one Webex answers with.
 */
import { badRequest } from './errors.js';
import type { CardAttachment } from './state.js';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export function validateCardAttachments(value: unknown): CardAttachment[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw badRequest('attachments must be an array');
  if (value.length > 1) throw badRequest('Only one attachment (card) per message is supported.');
  return value.map((item: unknown) => {
    if (!isObject(item)) throw badRequest('Each attachment must be an object.');
    if (item['contentType'] !== ADAPTIVE_CARD_CONTENT_TYPE) {
      throw badRequest(`Attachment contentType must be ${ADAPTIVE_CARD_CONTENT_TYPE}.`);
    }
    const content = item['content'];
    if (!isObject(content)) throw badRequest('Attachment content must be an object.');
    if (content['type'] !== 'AdaptiveCard') {
      throw badRequest('Attachment content type must be AdaptiveCard.');
    }
    const version = content['version'];
    if (typeof version !== 'string' || version.trim() === '') {
      throw badRequest('Missing Adaptive Card Version');
    }
    return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content };
  });
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function cardOf(
  attachments: CardAttachment[] | undefined,
): Record<string, unknown> | undefined {
  return attachments?.find((a) => a.contentType === ADAPTIVE_CARD_CONTENT_TYPE)?.content;
}
