/**
 * A deliberately small Markdown renderer for message `html` and the plain `text` Webex derives
 * from `markdown`: bold, italics, code, links, paragraphs and `<@personId:..>` / `<@personEmail:..>`
 * / `<@all>` mentions. Input is escaped first, so the output can only hold the tags made here.
 */
import { escapeHtml } from './html.js';

export interface MentionTarget {
  id: string;
  displayName: string;
}

export type MentionResolver = (
  kind: 'personId' | 'personEmail',
  value: string,
) => MentionTarget | undefined;

export interface RenderedMarkdown {
  text: string;
  html: string;
  mentionedPeople: string[];
  mentionedGroups: string[];
}

const MENTION = /<@(personId|personEmail):([^|>]+)(?:\|([^>]*))?>|<@all>/g;

export function renderMarkdown(markdown: string, resolve: MentionResolver): RenderedMarkdown {
  const mentionedPeople: string[] = [];
  const mentionedGroups: string[] = [];
  let text = '';
  let markup = '';
  let last = 0;
  for (const match of markdown.matchAll(MENTION)) {
    const plain = markdown.slice(last, match.index);
    text += plainText(plain);
    markup += inlineHtml(plain);
    last = match.index + match[0].length;
    if (match[0] === '<@all>') {
      if (!mentionedGroups.includes('all')) mentionedGroups.push('all');
      text += 'All';
      markup +=
        '<spark-mention data-object-type="groupMention" data-group-type="all">All</spark-mention>';
      continue;
    }
    const kind = match[1] === 'personEmail' ? 'personEmail' : 'personId';
    const target = resolve(kind, match[2] ?? '');
    const name = match[3] ?? target?.displayName ?? match[2] ?? '';
    text += name;
    if (target) {
      if (!mentionedPeople.includes(target.id)) mentionedPeople.push(target.id);
      markup += `<spark-mention data-object-type="person" data-object-id="${escapeHtml(target.id)}">${escapeHtml(name)}</spark-mention>`;
    } else {
      markup += escapeHtml(name);
    }
  }
  const rest = markdown.slice(last);
  text += plainText(rest);
  markup += inlineHtml(rest);
  return { text, html: paragraphs(markup), mentionedPeople, mentionedGroups };
}

function inlineHtml(source: string): string {
  return escapeHtml(source)
    .replace(/`([^`\n]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*\n]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^\w*])\*([^*\n]+)\*(?![\w*])/g, '$1<em>$2</em>')
    .replace(/(^|\W)_([^_\n]+)_(?!\w)/g, '$1<em>$2</em>')
    .replace(/\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)/g, '<a href="$2" rel="nofollow">$1</a>');
}

function plainText(source: string): string {
  return source
    .replace(/`([^`\n]+)`/g, '$1')
    .replace(/\*\*([^*\n]+)\*\*/g, '$1')
    .replace(/(^|[^\w*])\*([^*\n]+)\*(?![\w*])/g, '$1$2')
    .replace(/(^|\W)_([^_\n]+)_(?!\w)/g, '$1$2')
    .replace(/\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)/g, '$1');
}

function paragraphs(markup: string): string {
  return markup
    .split(/\n{2,}/)
    .filter((block) => block.trim() !== '')
    .map((block) => `<p>${block.replace(/\n/g, '<br/>')}</p>`)
    .join('');
}
