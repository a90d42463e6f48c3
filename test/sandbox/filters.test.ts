import { describe, expect, it } from 'vitest';
import { messageMatches, parseFilter } from '../../src/sandbox/filters.js';
import type { SandboxMessage } from '../../src/sandbox/state.js';

const message: SandboxMessage = {
  id: 'M',
  roomId: 'R',
  roomType: 'group',
  personId: 'P',
  personEmail: 'José.Álvarez@example.com',
  mentionedPeople: ['OWNER'],
  created: '2026-01-01T00:00:00.000Z',
};

const matches = (filter: string) => {
  const parsed = parseFilter('messages', filter);
  if (typeof parsed === 'string') throw new Error(parsed);
  return messageMatches(parsed, message, 'OWNER');
};

describe('webhook filters', () => {
  it('match every key joined with &', () => {
    expect(matches('')).toBe(true);
    expect(matches('roomId=R&personId=P')).toBe(true);
    expect(matches('roomId=R&personId=Q')).toBe(false);
    expect(matches('roomType=direct')).toBe(false);
    expect(matches('mentionedPeople=me')).toBe(true);
    expect(matches('hasFiles=true')).toBe(false);
    expect(matches('hasAttachments=false')).toBe(true);
  });

  it('compare emails without regard to case or Unicode normalisation, URL-encoded or not', () => {
    expect(matches('personEmail=josé.álvarez@example.com')).toBe(true);
    expect(
      matches(`personEmail=${encodeURIComponent('JOSE\u0301.A\u0301LVAREZ@example.com')}`),
    ).toBe(true);
  });

  it('refuse keys the resource does not support and malformed pairs', () => {
    expect(parseFilter('messages', 'messageId=M')).toMatch(/unsupported/);
    expect(parseFilter('attachmentActions', 'messageId=M')).toEqual(new Map([['messageId', 'M']]));
    expect(parseFilter('messages', 'roomId')).toMatch(/invalid filter/);
    expect(parseFilter('messages', 'roomId=%E0%A4%A')).toMatch(/invalid value/);
  });
});
