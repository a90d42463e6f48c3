import { describe, expect, it } from 'vitest';
import { truncateUtf8, utf8Bytes } from '../../src/cards/lint.js';

// A lone surrogate would be encoded as U+FFFD, so a lossless round trip proves no pair was split.
const validUtf8 = (text: string) => Buffer.from(text, 'utf8').toString('utf8') === text;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const SAMPLES = [
  'plain ascii text',
  'é'.repeat(20),
  '😀'.repeat(20),
  'e\u0301'.repeat(10), // e + combining acute accent
  '👨‍👩‍👧 family 🇨🇭 flag ✋🏽 hand',
  'mixed é😀a€𝄞'.repeat(5),
];

describe('truncateUtf8', () => {
  it('returns text that fits unchanged', () => {
    expect(truncateUtf8('héllo', 6)).toBe('héllo');
    expect(truncateUtf8('', 0)).toBe('');
  });

  it('cuts 1860 × 😀 to at most 7439 bytes, ending with an ellipsis', () => {
    const cut = truncateUtf8('😀'.repeat(1860), 7439);
    expect(utf8Bytes(cut)).toBeLessThanOrEqual(7439);
    expect(cut).toBe(`${'😀'.repeat(1859)}…`); // 7436 + 3 bytes
    expect(validUtf8(cut)).toBe(true);
  });

  it('never splits a surrogate pair or multi-byte sequence and never exceeds the budget', () => {
    for (const text of SAMPLES) {
      for (let max = 0; max <= utf8Bytes(text) + 2; max++) {
        const cut = truncateUtf8(text, max);
        expect(utf8Bytes(cut)).toBeLessThanOrEqual(max);
        expect(cut).not.toMatch(LONE_SURROGATE);
        expect(validUtf8(cut)).toBe(true);
        expect(text.startsWith(cut.replace(/…$/, ''))).toBe(true);
        if (cut !== text && max >= 3) expect(cut.endsWith('…')).toBe(true);
      }
    }
  });

  it('keeps an emoji sequence whole or drops it whole', () => {
    const family = '👨‍👩‍👧';
    expect(truncateUtf8(`ab${family}cdef`, 2 + utf8Bytes(family) + 3)).toBe(`ab${family}…`);
    expect(truncateUtf8(`ab${family}cdef`, 2 + utf8Bytes(family) + 2)).toBe('ab…');
  });

  it('returns the longest prefix without an ellipsis when the budget cannot hold one', () => {
    expect(truncateUtf8('abcdef', 2)).toBe('ab');
    expect(truncateUtf8('😀😀', 3)).toBe('…');
    expect(truncateUtf8('😀😀', 2)).toBe('');
  });
});
