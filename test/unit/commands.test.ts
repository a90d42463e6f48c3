import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/commands/registry.js';
import { parsePollCommand, parsePollForm } from '../../src/polls/parse-poll.js';
import { normaliseInputs } from '../../src/worker/handle-event.js';
import { parseRetryAfter } from '../../src/webex/errors.js';

describe('command parsing', () => {
  it('finds the command word and its arguments', () => {
    expect(parseCommand('/poll Lunch? | Pizza | Sushi')).toEqual({
      name: 'poll',
      args: 'Lunch? | Pizza | Sushi',
    });
    expect(parseCommand('  /HELP  ')).toEqual({ name: 'help', args: '' });
    expect(parseCommand('/poll\nWhat? | a | b')).toEqual({ name: 'poll', args: 'What? | a | b' });
  });

  it('ignores text that is not a command', () => {
    expect(parseCommand('hello /poll')).toBeUndefined();
    expect(parseCommand('**Poll:** Lunch?')).toBeUndefined();
    expect(parseCommand('/')).toBeUndefined();
    expect(parseCommand(undefined)).toBeUndefined();
  });
});

describe('poll rules', () => {
  it('accepts 2 to 10 options', () => {
    expect(parsePollCommand('Lunch? | Pizza | Sushi')).toEqual({
      ok: true,
      poll: { question: 'Lunch?', options: ['Pizza', 'Sushi'] },
    });
    const ten = Array.from({ length: 10 }, (_, i) => `o${i}`).join(' | ');
    expect(parsePollCommand(`Q | ${ten}`).ok).toBe(true);
  });

  it.each([
    ['Lunch?', /2 to 10 options; this one has 0/],
    ['Lunch? | Pizza', /this one has 1/],
    [`Q | ${Array.from({ length: 11 }, (_, i) => `o${i}`).join(' | ')}`, /this one has 11/],
    [' | a | b', /needs a question/],
    ['Q | a | | b', /empty/],
    ['Q | a | b |', /empty/],
    ['Q | Pizza | pizza', /the same/],
    ['Q | Caf\u00e9 | Cafe\u0301', /the same/],
    [`${'x'.repeat(301)} | a | b`, /longer than 300/],
    [`Q | ${'y'.repeat(101)} | b`, /longer than 100/],
  ])('refuses %j with a reason', (args, reason) => {
    const result = parsePollCommand(args);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatch(reason);
  });

  it('reads the form: one option per line, blank lines skipped', () => {
    expect(parsePollForm(' Where? ', 'Here\n\n There \r\n')).toEqual({
      ok: true,
      poll: { question: 'Where?', options: ['Here', 'There'] },
    });
    expect(parsePollForm(undefined, 'a\nb').ok).toBe(false);
  });
});

describe('card inputs', () => {
  it('treats a missing value and an empty one alike, and keeps strings as typed', () => {
    expect(
      normaliseInputs({ decision: '', comment: 'Looks good 👍', action: 'review_submit' }),
    ).toEqual({
      comment: 'Looks good 👍',
      action: 'review_submit',
    });
    expect(normaliseInputs({ flag: true, count: 3, none: null })).toEqual({
      flag: 'true',
      count: '3',
    });
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5);
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
