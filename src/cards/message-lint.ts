/**
 * Message lint: pure checks of a `POST /v1/messages` body against Webex's rules (webex-api.md §5),
 * each problem one specific sentence, so the send job can refuse it without a doomed HTTP call.
 */
import { lintCard } from './card-lint.js';
import { utf8Bytes } from './utf8.js';

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
/** Webex's limit for `text` and `markdown`: 7439 bytes is accepted, 7440 is refused. */
export const MAX_MESSAGE_TEXT_BYTES = 7439;

export interface MessageBody {
  roomId?: string;
  toPersonId?: string;
  toPersonEmail?: string;
  parentId?: string;
  text?: string;
  markdown?: string;
  attachments?: unknown[];
}

const DESTINATIONS = ['roomId', 'toPersonId', 'toPersonEmail'] as const;

export function lintMessage(body: MessageBody): string[] {
  const problems: string[] = [];
  const destinations = DESTINATIONS.filter((key) => body[key] !== undefined);
  if (destinations.length === 0) {
    problems.push('the message has no destination: set one of roomId, toPersonId, toPersonEmail');
  } else if (destinations.length > 1) {
    problems.push(
      `the message sets ${destinations.join(' and ')}; Webex accepts exactly one destination`,
    );
  }
  for (const key of [...destinations, 'parentId'] as const) {
    if (body[key] === '') problems.push(`the message's ${key} is empty`);
  }

  // Non-card clients and notifications show only the fallback, so a card alone is not enough.
  if (!hasText(body.text) && !hasText(body.markdown)) {
    problems.push('the message has no text or markdown fallback');
  }
  for (const key of ['text', 'markdown'] as const) {
    const value = body[key];
    if (value === undefined) continue;
    const bytes = utf8Bytes(value);
    if (bytes > MAX_MESSAGE_TEXT_BYTES) {
      problems.push(
        `the message's ${key} is ${bytes} bytes in UTF-8; Webex accepts at most ${MAX_MESSAGE_TEXT_BYTES}`,
      );
    }
  }

  const attachments = body.attachments ?? [];
  if (attachments.length > 1) {
    problems.push(`the message has ${attachments.length} attachments; Webex allows one card`);
  }
  attachments.forEach((attachment, i) => problems.push(...lintAttachment(attachment, i)));
  return problems;
}

function lintAttachment(attachment: unknown, index: number): string[] {
  const where = `attachment ${index}`;
  if (typeof attachment !== 'object' || attachment === null) return [`${where} is not an object`];
  const { contentType, content } = attachment as Record<string, unknown>;
  const problems: string[] = [];
  if (contentType !== CARD_CONTENT_TYPE) {
    problems.push(
      `${where} has contentType ${JSON.stringify(contentType)}, not ${CARD_CONTENT_TYPE}`,
    );
  }
  // A `${` here may be what a person typed, so the unbound-template check belongs to renderCard.
  for (const problem of lintCard(content)) problems.push(`${where}: ${problem}`);
  return problems;
}

function hasText(value: string | undefined): boolean {
  return value !== undefined && value.trim() !== '';
}
