/**
 * `GET /sandbox`: what the sandbox is, its spaces, its sample people and the latest webhook
 * deliveries, so a newcomer sees at a glance whether Deputy's webhooks arrive.
 */
import { layout, markup } from './html.js';
import { spacePath } from './space-path.js';
import type { SandboxState } from './state.js';

export function homePage(state: SandboxState): string {
  const count = (roomId: string) =>
    [...state.messages.values()].filter((m) => m.roomId === roomId).length;
  const rooms = [...state.rooms.values()].map(
    (room) =>
      markup`<li><a href="${spacePath(room.id)}">${room.title}</a> <span class="meta">${room.type}, ${count(room.id)} messages</span></li>`,
  );
  const people = state.people.map(
    (p) => markup`<li>${p.displayName} <span class="meta">${p.email}</span></li>`,
  );
  const deliveries = state.deliveries
    .slice(-10)
    .reverse()
    .map(
      (d) =>
        markup`<tr><td>${d.at.slice(11, 19)}</td><td>${d.resource}:${d.event}</td><td>${d.targetUrl}</td><td>${d.statusCode ?? d.error ?? ''}</td></tr>`,
    );
  const table =
    deliveries.length === 0
      ? markup`<p class="meta">None yet.</p>`
      : markup`<table><thead><tr><th>Time (UTC)</th><th>Event</th><th>Target</th><th>Result</th></tr></thead><tbody>${deliveries}</tbody></table>`;
  const body = markup`<h1>Webex sandbox</h1>
<p>A local stand-in for Webex: the REST API Deputy uses lives under <code>/sandbox</code>, with a
sign-in page, sample people and spaces, signed webhook deliveries and expiring tokens. Open a space
to read it, write as any sample person, and press card buttons as the Webex app would.</p>
<h2>Spaces</h2>
<ul>${rooms}</ul>
<h2>Sample people</h2>
<ul>${people}</ul>
<p class="meta">Their personal access tokens are at <a href="/sandbox/control/people">/sandbox/control/people</a>.</p>
<p><a href="/sandbox/control">Controls</a>: revoke tokens, make calls fail or slow, mark webhooks
inactive.</p>
<h2>Latest webhook deliveries</h2>
${table}
<p class="meta">JSON: <a href="/sandbox/control/rooms">rooms</a>, <a href="/sandbox/control/webhooks">webhooks</a>,
<a href="/sandbox/control/deliveries">deliveries</a>, <a href="/sandbox/control/token-calls">token calls</a>,
<a href="/sandbox/control/calls">REST calls</a>.</p>`;
  return layout('Spaces', body);
}
