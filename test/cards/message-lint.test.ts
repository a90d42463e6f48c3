import { describe, expect, it } from 'vitest';
import { fitMarkdown } from '../../src/cards/markdown.js';
import { CARD_CONTENT_TYPE, lintMessage, type MessageBody } from '../../src/cards/lint.js';
import { renderCard } from '../../src/cards/render.js';
import { HOSTILE_TEXT, SAMPLES } from './samples.js';

const content = (extra: Record<string, unknown> = {}) => ({
  type: 'AdaptiveCard',
  version: '1.3',
  body: [{ type: 'TextBlock', text: 'Approve?' }],
  ...extra,
});
const attachment = (card: unknown = content()) => ({
  contentType: CARD_CONTENT_TYPE,
  content: card,
});
const message = (extra: Partial<MessageBody> = {}): MessageBody => ({
  roomId: 'ROOM_ID',
  markdown: 'Approval needed',
  attachments: [attachment()],
  ...extra,
});

describe('lintMessage', () => {
  it('accepts a rendered card with a markdown fallback, hostile text included', () => {
    const card = renderCard('poll', { ...SAMPLES.poll, question: HOSTILE_TEXT });
    expect(lintMessage(message({ attachments: [attachment(card)], parentId: 'PARENT' }))).toEqual(
      [],
    );
  });

  it('rejects a card without a version (F06 a)', () => {
    const problems = lintMessage(
      message({ attachments: [attachment(content({ version: undefined }))] }),
    );
    expect(problems).toEqual(['attachment 0: the card has no version; Webex refuses it']);
  });

  it('rejects two card attachments (F06 b)', () => {
    expect(lintMessage(message({ attachments: [attachment(), attachment()] }))).toEqual([
      'the message has 2 attachments; Webex allows one card',
    ]);
  });

  it('rejects both roomId and toPersonEmail (F06 c), and no destination at all', () => {
    expect(lintMessage(message({ toPersonEmail: 'a@example.com' }))).toEqual([
      'the message sets roomId and toPersonEmail; Webex accepts exactly one destination',
    ]);
    expect(lintMessage(message({ roomId: undefined }))).toEqual([
      'the message has no destination: set one of roomId, toPersonId, toPersonEmail',
    ]);
    expect(lintMessage(message({ roomId: undefined, toPersonId: 'P' }))).toEqual([]);
  });

  it('rejects an empty destination or parent id', () => {
    expect(lintMessage(message({ roomId: '', parentId: '' }))).toEqual([
      "the message's roomId is empty",
      "the message's parentId is empty",
    ]);
  });

  it('rejects version 1.5 and an Action.Execute in the card (F06 d)', () => {
    const newer = content({ version: '1.5', actions: [{ type: 'Action.Execute', title: 'Go' }] });
    expect(lintMessage(message({ attachments: [attachment(newer)] }))).toEqual([
      expect.stringMatching(/^attachment 0: the card's version 1\.5 is above 1\.3/),
      expect.stringMatching(/^attachment 0: card\.actions\[0\] is an Action\.Execute/),
    ]);
  });

  it('rejects a card with six actions (F06 e)', () => {
    const actions = Array.from({ length: 6 }, (_, i) => ({ type: 'Action.Submit', title: `${i}` }));
    expect(lintMessage(message({ attachments: [attachment(content({ actions }))] }))).toEqual([
      'attachment 0: the card has 6 actions; Webex allows at most 5',
    ]);
  });

  it.each([
    ['1860 × 😀', '😀'.repeat(1860)],
    ['3720 × é', 'é'.repeat(3720)],
  ])('rejects a fallback of %s: .length 3720 but 7440 bytes (F06 f)', (_what, text) => {
    expect(text.length).toBe(3720);
    expect(lintMessage(message({ markdown: text }))).toEqual([
      "the message's markdown is 7440 bytes in UTF-8; Webex accepts at most 7439",
    ]);
    expect(lintMessage(message({ markdown: 'ok', text }))).toEqual([
      "the message's text is 7440 bytes in UTF-8; Webex accepts at most 7439",
    ]);
  });

  it('accepts a fallback of exactly 7439 bytes', () => {
    expect(lintMessage(message({ markdown: `${'😀'.repeat(1859)}abc` }))).toEqual([]);
    expect(
      lintMessage(message({ markdown: 'a'.repeat(7439), text: `${'é'.repeat(3719)}a` })),
    ).toEqual([]);
  });

  it('accepts a long fallback once fitMarkdown has cut it', () => {
    expect(lintMessage(message({ markdown: fitMarkdown('😀'.repeat(5000)) }))).toEqual([]);
  });

  it('rejects a card message without a non-empty text or markdown fallback', () => {
    const expected = ['the message has no text or markdown fallback'];
    expect(lintMessage(message({ markdown: undefined }))).toEqual(expected);
    expect(lintMessage(message({ markdown: ' \n', text: '' }))).toEqual(expected);
  });

  it('rejects an attachment that is not an Adaptive Card', () => {
    const file = { contentType: 'application/pdf', content: content() };
    expect(lintMessage(message({ attachments: [file] }))).toEqual([
      `attachment 0 has contentType "application/pdf", not ${CARD_CONTENT_TYPE}`,
    ]);
    expect(lintMessage(message({ attachments: ['card'] }))).toEqual([
      'attachment 0 is not an object',
    ]);
  });

  it('accepts a plain text message without attachments', () => {
    expect(lintMessage({ toPersonEmail: 'a@example.com', text: 'hello' })).toEqual([]);
  });
});
