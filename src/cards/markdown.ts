/**
 * Helpers for the markdown fallback that every card message carries: typed text is escaped so it
 * reads as typed in clients without cards, and the whole fallback is fitted under Webex's byte limit.
 */
import { MAX_MESSAGE_TEXT_BYTES } from './message-lint.js';
import { truncateUtf8 } from './utf8.js';

const SPECIAL = /[\\*_~`[\]<>#]/g;

/**
 * Escapes the characters Webex markdown gives meaning to. A leading `/` is escaped too: Deputy posts
 * as the person, so a fallback that begins like a slash command could read as one.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(SPECIAL, (char) => `\\${char}`).replace(/^(\s*)\//, '$1\\/');
}

/**
 * Cuts markdown to `maxBytes` (Webex's limit by default) like truncateUtf8, without leaving a lone
 * backslash from a cut escape in front of the "…", where it would escape the ellipsis instead.
 */
export function fitMarkdown(markdown: string, maxBytes = MAX_MESSAGE_TEXT_BYTES): string {
  const cut = truncateUtf8(markdown, maxBytes);
  if (cut === markdown || !cut.endsWith('…')) return cut;
  const kept = cut.slice(0, -1);
  const trailingBackslashes = /\\*$/.exec(kept)?.[0].length ?? 0;
  return trailingBackslashes % 2 === 1 ? `${kept.slice(0, -1)}…` : cut;
}
