/**
 * The page of one space: its messages (threads under their parent), a "writing as" choice among
 * the members, and a composer docked at the bottom. The page's scripts (assets/) take over from
 * there: they render cards with adaptivecards, post without reloading and poll for new
 * messages, never touching what is already on screen, so drafts and card inputs survive.
 * Without script, the same page works with plain forms and a slow refresh.
 */
import { authorName, threadsHtml } from './message-html.js';
import { attr, layout, markup, type SafeHtml } from './html.js';
import { spacePath } from './space-path.js';
import type { SandboxMessage, SandboxPerson, SandboxRoom, SandboxState } from './state.js';

export interface SpaceView {
  room: SandboxRoom;
  as: SandboxPerson;
  replyTo: SandboxMessage | undefined;
  notice: string | undefined;
  error: string | undefined;
}

export const SPACE_SCRIPTS = [
  '/sandbox/assets/adaptivecards.js',
  '/sandbox/assets/cards.js',
  '/sandbox/assets/compose.js',
  '/sandbox/assets/space.js',
];

export function spacePage(state: SandboxState, view: SpaceView): string {
  const { room, as } = view;
  const members = state.people.filter((p) => room.memberIds.includes(p.id));
  const messages = [...state.messages.values()].filter((m) => m.roomId === room.id);
  const options = members.map(
    (p) =>
      markup`<option value="${p.id}"${attr('selected', p.id === as.id)}>${p.displayName}</option>`,
  );
  const body = markup`<p class="crumbs"><a href="/sandbox">← All spaces</a> <a href="/sandbox/control">Controls</a></p>
<h1>${room.title}</h1>
<p class="meta">${members.length} members: ${members.map((p) => p.displayName).join(', ')}</p>
${view.notice ? markup`<p class="notice" role="status">${view.notice}</p>` : ''}
${view.error ? markup`<p class="error" role="alert">${view.error}</p>` : ''}
<div id="messages" data-room-id="${room.id}" data-messages-url="${spacePath(room.id)}/messages.json" data-post-url="${spacePath(room.id)}/messages" data-action-url="${spacePath(room.id)}/actions">${threadsHtml({ state, room, as }, messages)}</div>
<p class="meta" id="empty"${attr('hidden', messages.length > 0)}>No messages yet. Say something, or type <code>/help</code>.</p>
<div class="dock">
<p id="offline" class="error" role="alert" hidden>Lost the connection to the sandbox; trying again…</p>
<form method="get" action="${spacePath(room.id)}" class="as-row" id="as-form">
  <label for="as">Writing as</label>
  <select id="as" name="as">${options}</select>
  <button type="submit" class="secondary" id="as-switch">Switch person</button>
</form>
${composer(state, room, as, view.replyTo)}
</div>`;
  const head = markup`<link rel="stylesheet" href="/sandbox/assets/space.css">
<noscript><meta http-equiv="refresh" content="5"></noscript>`;
  return layout(room.title, body, { head, scripts: SPACE_SCRIPTS });
}

function composer(
  state: SandboxState,
  room: SandboxRoom,
  as: SandboxPerson,
  replyTo: SandboxMessage | undefined,
): SafeHtml {
  const snippet = (replyTo?.text ?? replyTo?.markdown ?? '').slice(0, 80);
  return markup`<form method="post" action="${spacePath(room.id)}/messages" class="box" id="composer">
  <input type="hidden" name="as" value="${as.id}">
  <input type="hidden" name="parentId" id="parent-id" value="${replyTo?.id ?? ''}">
  <p id="reply-banner" class="meta"${attr('hidden', !replyTo)}>Replying in the thread of
  <strong id="reply-author">${replyTo ? authorName(state, replyTo) : ''}</strong>: “<span id="reply-snippet">${snippet}</span>”
  <a href="${spacePath(room.id, as.id)}" id="reply-cancel">Cancel reply</a></p>
  <label for="text" id="text-label">Message as ${as.displayName}</label>
  <div class="compose-row">
    <textarea id="text" name="text" rows="2" required placeholder="Write a message or a command such as /help"></textarea>
    <button type="submit" id="send">Send</button>
  </div>
  <p id="composer-error" class="error" role="alert" hidden></p>
</form>`;
}
