/**
 * Byte-budget helpers. Webex limits message text in UTF-8 bytes, not UTF-16 code units, so
 * `.length` checks pass text that Webex then refuses (F06 f).
 */

const ELLIPSIS = '…';
const ELLIPSIS_BYTES = Buffer.byteLength(ELLIPSIS);
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * Shortens `text` to at most `maxBytes` UTF-8 bytes, ending with "…" when it had to cut. Cuts fall
 * between grapheme clusters, which are also code-point boundaries: no surrogate pair or multi-byte
 * sequence is split, and an emoji family or an accented letter is kept whole or dropped whole.
 */
export function truncateUtf8(text: string, maxBytes: number): string {
  const budget = Math.max(0, Math.floor(maxBytes));
  if (utf8Bytes(text) <= budget) return text;
  // When not even the ellipsis fits, the best honest answer is the longest prefix without it.
  const withEllipsis = budget >= ELLIPSIS_BYTES;
  const room = withEllipsis ? budget - ELLIPSIS_BYTES : budget;
  let kept = '';
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const size = utf8Bytes(segment);
    if (used + size > room) break;
    kept += segment;
    used += size;
  }
  return withEllipsis ? kept + ELLIPSIS : kept;
}
