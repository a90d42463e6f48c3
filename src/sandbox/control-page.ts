/**
 * `GET /sandbox/control`: forms for every fault the sandbox can inject (revoked tokens, error
 * answers, latency, inactive webhooks, token settings) and tables of what is pending and what
 * happened. The forms post to the same routes as the JSON control API.
 */
import { deliveriesTable, faultsTable, webhooksTable } from './control-tables.js';
import { FAULT_STATUSES } from './faults.js';
import { attr, layout, markup, type SafeHtml } from './html.js';
import { REST_ROUTES } from './rest-routes.js';
import type { SandboxState } from './state.js';

export interface ControlView {
  notice: string | undefined;
  error: string | undefined;
}

const STATUS_NAMES: Record<number, string> = {
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function controlPage(state: SandboxState, view: ControlView): string {
  const people = (blank?: string): SafeHtml[] => [
    ...(blank ? [markup`<option value="">${blank}</option>`] : []),
    ...state.people.map((p) => markup`<option value="${p.id}">${p.displayName}</option>`),
  ];
  const routes = ['*', ...REST_ROUTES].map(
    (route) =>
      markup`<option value="${route}">${route === '*' ? '* (every REST call)' : route}</option>`,
  );
  const statuses = FAULT_STATUSES.map(
    (status) => markup`<option value="${status}">${status} ${STATUS_NAMES[status] ?? ''}</option>`,
  );
  const tokens = (['access', 'refresh', 'both'] as const).map(
    (which) =>
      markup`<label class="choice"><input type="radio" name="token" value="${which}"${attr('checked', which === 'both')}> ${which === 'both' ? 'Both' : `The ${which} token`}</label>`,
  );
  const { settings } = state;
  const body = markup`<p class="crumbs"><a href="/sandbox">← All spaces</a></p>
<h1>Sandbox controls</h1>
<p>Make the sandbox misbehave the way Webex can, to watch Deputy cope. Tests use the same
controls as JSON under <code>/sandbox/control</code>.</p>
${view.notice ? markup`<p class="notice" role="status">${view.notice}</p>` : ''}
${view.error ? markup`<p class="error" role="alert">${view.error}</p>` : ''}
<section class="box" id="revoke"><h2>Revoke tokens</h2>
<p class="meta">Only the tokens issued to the integration; personal access tokens keep working.</p>
<form method="post" action="/sandbox/control/revoke">
<label for="revoke-person">Person</label><select id="revoke-person" name="personId">${people()}</select>
<fieldset><legend>Which tokens</legend>${tokens}</fieldset>
<button type="submit">Revoke</button></form></section>
<section class="box" id="faults"><h2>Error answers</h2>
<form method="post" action="/sandbox/control/faults">
<label for="fault-route">Route</label><select id="fault-route" name="route">${routes}</select>
<label for="fault-status">Answer with</label><select id="fault-status" name="status">${statuses}</select>
<label for="fault-count">For the next number of calls</label><input type="number" id="fault-count" name="count" min="1" value="1" required>
<label for="fault-retry">Retry-After in seconds (optional)</label><input type="number" id="fault-retry" name="retryAfter" min="0">
<label for="fault-person">Only calls made with a token of</label><select id="fault-person" name="personId">${people('Anyone')}</select>
<p class="actions"><button type="submit">Add fault</button></p></form>
<h3>Pending</h3>${faultsTable(state)}
<form method="post" action="/sandbox/control/faults/clear"><button type="submit" class="secondary">Clear all faults</button></form></section>
<section class="box" id="latency"><h2>Latency</h2>
<form method="post" action="/sandbox/control/latency">
<label for="latency-ms">Every REST call waits this many milliseconds (0 turns it off)</label>
<input type="number" id="latency-ms" name="ms" min="0" max="60000" value="${settings.latencyMs}" required>
<p class="actions"><button type="submit">Set latency</button></p></form></section>
<section class="box" id="settings"><h2>Tokens</h2>
<form method="post" action="/sandbox/control/settings">
<input type="hidden" name="rotateRefreshTokens" value="false">
<label class="choice"><input type="checkbox" name="rotateRefreshTokens" value="true"${attr('checked', settings.rotateRefreshTokens)}> Issue a new refresh token on every refresh (Webex keeps the old one)</label>
<label for="access-seconds">Lifetime of new access tokens, seconds</label><input type="number" id="access-seconds" name="accessTokenSeconds" min="1" value="${settings.accessTokenSeconds}" required>
<label for="refresh-seconds">Lifetime of new refresh tokens, seconds</label><input type="number" id="refresh-seconds" name="refreshTokenSeconds" min="1" value="${settings.refreshTokenSeconds}" required>
<p class="actions"><button type="submit">Save token settings</button></p></form></section>
<section class="box" id="webhooks"><h2>Webhooks</h2>${webhooksTable(state)}</section>
<section class="box" id="deliveries"><h2>Latest webhook deliveries</h2>${deliveriesTable(state)}</section>
<p class="meta">JSON: <a href="/sandbox/control/faults">faults</a>, <a href="/sandbox/control/calls">calls</a>,
<a href="/sandbox/control/webhooks">webhooks</a>, <a href="/sandbox/control/deliveries">deliveries</a>,
<a href="/sandbox/control/token-calls">token calls</a>, <a href="/sandbox/control/settings">settings</a>.</p>`;
  return layout('Controls', body);
}
