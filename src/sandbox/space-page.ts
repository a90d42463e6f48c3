/**
 * The page of one space: messages oldest first with thread replies under their parent, cards
 * rendered as forms, a "writing as" choice among the members and a box to post as that person.
 * It reloads itself when the space changes, unless somebody is typing.
 */
import { cardOf } from './card-rules.js';
import { renderCard } from './card-html.js';
import { attr, layout, markup, trusted, type SafeHtml } from './html.js';
import type { SandboxMessage, SandboxPerson, SandboxRoom, SandboxState } from './state.js';

export interface SpaceView {
  room: SandboxRoom;
  as: SandboxPerson;
  replyTo: SandboxMessage | undefined;
  notice: string | undefined;
  error: string | undefined;
}

export function spacePath(roomId: string, personId?: string, extra: Record<string, string> = {}) {
  const query = new URLSearchParams({ ...(personId ? { as: personId } : {}), ...extra }).toString();
  return `/sandbox/spaces/${encodeURIComponent(roomId)}${query ? `?${query}` : ''}`;
}

export function spacePage(state: SandboxState, view: SpaceView): string {
  const { room, as } = view;
  const members = state.people.filter((p) => room.memberIds.includes(p.id));
  const messages = [...state.messages.values()].filter((m) => m.roomId === room.id);
  const author = (m: SandboxMessage) =>
    state.people.find((p) => p.id === m.personId)?.displayName ?? m.personEmail;

  const item = (m: SandboxMessage, isReply: boolean): SafeHtml => {
    const card = cardOf(m.attachments);
    const reply = isReply
      ? ''
      : markup`<a href="${spacePath(room.id, as.id, { reply: m.id })}#composer">Reply in thread</a>`;
    return markup`<article class="${isReply ? 'reply' : 'box'}" id="${m.id}">
<div class="meta"><strong>${author(m)}</strong> · <time datetime="${m.created}">${shortTime(m.created)}</time></div>
<div class="text">${m.text ?? m.markdown ?? ''}</div>
${card ? renderCard(card, cardForm(room, as, m)) : ''}
${reply}
</article>`;
  };
  const threads = messages
    .filter((m) => m.parentId === undefined)
    .map((m) => {
      const replies = messages.filter((r) => r.parentId === m.id).map((r) => item(r, true));
      const thread = replies.length > 0 ? markup`<div class="replies">${replies}</div>` : '';
      return markup`<section>${item(m, false)}${thread}</section>`;
    });
  const options = members.map(
    (p) =>
      markup`<option value="${p.id}"${attr('selected', p.id === as.id)}>${p.displayName}</option>`,
  );

  const body = markup`<p><a href="/sandbox">← All spaces</a></p>
<h1>${room.title}</h1>
${view.notice ? markup`<p role="status">${view.notice}</p>` : ''}
${view.error ? markup`<p class="error" role="alert">${view.error}</p>` : ''}
<form method="get" action="${spacePath(room.id)}" class="box">
  <label for="as">Writing as</label>
  <select id="as" name="as">${options}</select>
  <p><button type="submit" class="secondary">Switch person</button></p>
</form>
${threads.length > 0 ? threads : markup`<p class="meta">No messages yet.</p>`}
${composer(room, as, view.replyTo, author)}
<script>${trusted(reloadScript(room.id, messages.length))}</script>`;
  const head = markup`<noscript><meta http-equiv="refresh" content="5"></noscript>`;
  return layout(room.title, body, head);
}

function composer(
  room: SandboxRoom,
  as: SandboxPerson,
  replyTo: SandboxMessage | undefined,
  author: (m: SandboxMessage) => string,
): SafeHtml {
  const snippet = (replyTo?.text ?? replyTo?.markdown ?? '').slice(0, 80);
  const thread = replyTo
    ? markup`<input type="hidden" name="parentId" value="${replyTo.id}">
  <p>Replying in the thread of <strong>${author(replyTo)}</strong>: “${snippet}”
  <a href="${spacePath(room.id, as.id)}">cancel</a></p>`
    : '';
  return markup`<form method="post" action="${spacePath(room.id)}/messages" class="box" id="composer">
  <input type="hidden" name="as" value="${as.id}">
  ${thread}
  <label for="text">Message as ${as.displayName}</label>
  <textarea id="text" name="text" rows="3" required></textarea>
  <p><button type="submit">${replyTo ? 'Reply' : 'Send'}</button></p>
</form>`;
}

function cardForm(room: SandboxRoom, as: SandboxPerson, message: SandboxMessage) {
  return {
    action: `${spacePath(room.id)}/cards/${encodeURIComponent(message.id)}`,
    hidden: { as: as.id },
    idPrefix: `c${message.id.slice(-10)}`,
  };
}

function shortTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/**
 * Polls the space's activity and reloads when it changed, but not once somebody has typed or
 * picked something (a draft message, a half-filled card), so their input is never thrown away.
 */
function reloadScript(roomId: string, count: number): string {
  const url = JSON.stringify(`${spacePath(roomId)}/activity.json`).replace(/</g, '\\u003c');
  return `(function(){var seen=${count},dirty=false;
document.addEventListener('input',function(){dirty=true});
setInterval(function(){if(dirty)return;
fetch(${url}).then(function(r){return r.json()}).then(function(d){if(d.messages!==seen)location.reload()}).catch(function(){});
},2000);})();`;
}
