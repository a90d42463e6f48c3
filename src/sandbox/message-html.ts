/**
 * One message of a space as HTML, shared by the first render of the page and by the JSON the
 * page polls: author and time, the text (markdown as the sandbox rendered it, plain text
 * escaped), and for a card a host the page's script fills with the adaptivecards rendering. The
 * host starts out holding the plain form rendering, which is what a browser without script uses.
 */
import { renderCard } from './card-html.js';
import { cardOf } from './card-rules.js';
import { markup, trusted, type SafeHtml } from './html.js';
import { spacePath } from './space-path.js';
import type { SandboxMessage, SandboxPerson, SandboxRoom, SandboxState } from './state.js';

export interface MessageView {
  state: SandboxState;
  room: SandboxRoom;
  /** Who the no-script forms act as. */
  as: SandboxPerson;
}

export function authorName(state: SandboxState, message: SandboxMessage): string {
  return state.people.find((p) => p.id === message.personId)?.displayName ?? message.personEmail;
}

export function messageHtml(view: MessageView, message: SandboxMessage): SafeHtml {
  const { room, as } = view;
  const card = cardOf(message.attachments);
  // Webex renders `html` (made by the sandbox's own escaping renderer) when there is markdown.
  const content = message.html
    ? markup`<div class="rich">${trusted(message.html)}</div>`
    : markup`<div class="text">${message.text ?? ''}</div>`;
  const body = card
    ? markup`<div class="card-host" data-message-id="${message.id}">${renderCard(card, {
        action: `${spacePath(room.id)}/cards/${encodeURIComponent(message.id)}`,
        hidden: { as: as.id },
        idPrefix: `c${message.id.slice(-10)}`,
      })}</div>
<p class="card-status meta" role="status"></p>
<details class="fallback meta"><summary>Text for clients that show no cards</summary>${content}</details>`
    : content;
  const reply =
    message.parentId === undefined
      ? markup`<a class="reply-link" data-reply="${message.id}" href="${spacePath(room.id, as.id, { reply: message.id })}#composer">Reply in thread</a>`
      : '';
  return markup`<article class="message${message.parentId ? ' reply' : ''}" id="${message.id}" data-author="${authorName(view.state, message)}">
<img class="avatar" src="/sandbox/avatars/${encodeURIComponent(message.personId)}.svg" alt="" width="32" height="32">
<p class="message-head"><strong>${authorName(view.state, message)}</strong> <time class="meta" datetime="${message.created}" title="${fullTime(message.created)}">${message.created.slice(11, 19)}</time></p>
${body}
${reply}
</article>`;
}

/** Top-level messages oldest first, each with its thread replies under it. */
export function threadsHtml(view: MessageView, messages: SandboxMessage[]): SafeHtml[] {
  return messages
    .filter((m) => m.parentId === undefined)
    .map((m) => {
      const replies = messages.filter((r) => r.parentId === m.id).map((r) => messageHtml(view, r));
      return markup`<section class="thread" id="thread-${m.id}">${messageHtml(view, m)}<div class="replies">${replies}</div></section>`;
    });
}

function fullTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}
