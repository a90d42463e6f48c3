import { describe, expect, it } from 'vitest';
import { escapeMarkdown, fitMarkdown } from '../../src/cards/markdown.js';
import { utf8Bytes } from '../../src/cards/lint.js';

describe('escapeMarkdown', () => {
  it.each(['\\', '*', '_', '~', '`', '[', ']', '<', '>', '#'])(
    'escapes %s with a backslash',
    (char) => {
      expect(escapeMarkdown(`a${char}b`)).toBe(`a\\${char}b`);
    },
  );

  it('escapes markdown a person typed so it reads as typed', () => {
    expect(escapeMarkdown('**bold** [link](http://x) C:\\temp')).toBe(
      '\\*\\*bold\\*\\* \\[link\\](http://x) C:\\\\temp',
    );
  });

  it('escapes a leading slash so a fallback never starts with a slash command', () => {
    expect(escapeMarkdown('/poll Lunch? | A | B')).toBe('\\/poll Lunch? | A | B');
    expect(escapeMarkdown('  /help')).toBe('  \\/help');
    expect(escapeMarkdown('either/or')).toBe('either/or');
  });

  it('leaves template syntax, emoji and replacement patterns alone', () => {
    expect(escapeMarkdown('${x} $& 😀 é')).toBe('${x} $& 😀 é');
  });
});

describe('fitMarkdown', () => {
  it('keeps a fallback that fits and cuts one that does not to 7439 bytes', () => {
    expect(fitMarkdown('short')).toBe('short');
    const cut = fitMarkdown('é'.repeat(3720));
    expect(utf8Bytes(cut)).toBeLessThanOrEqual(7439);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('does not leave half of an escape in front of the ellipsis', () => {
    const escaped = escapeMarkdown('*'.repeat(10)); // "\*" ten times: 20 bytes
    expect(fitMarkdown(escaped, 8)).toBe('\\*\\*…'); // 4 + 3 bytes; a lone "\" would have fit too
    expect(fitMarkdown(escaped, 9)).toBe('\\*\\*\\*…');
  });
});
