/**
 * The tables of the Controls page: pending faults, webhooks (each with a button that marks it
 * active or inactive) and the latest webhook deliveries, newest first.
 */
import { markup, type SafeHtml } from './html.js';
import type { SandboxState } from './state.js';

const nameOf = (state: SandboxState, personId: string | undefined) =>
  state.people.find((p) => p.id === personId)?.displayName ?? personId ?? 'anyone';

function table(headings: string[], rows: SafeHtml[], empty: string): SafeHtml {
  if (rows.length === 0) return markup`<p class="meta">${empty}</p>`;
  const head = headings.map((h) => markup`<th scope="col">${h}</th>`);
  return markup`<div class="table-scroll"><table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

export function faultsTable(state: SandboxState): SafeHtml {
  const rows = state.faults.map(
    (f) =>
      markup`<tr><td><code>${f.route}</code></td><td>${f.status}</td><td>${f.count}</td><td>${f.retryAfter ?? ''}</td><td>${nameOf(state, f.personId)}</td></tr>`,
  );
  return table(
    ['Route', 'Status', 'Calls left', 'Retry-After', 'Person'],
    rows,
    'No faults pending: every call is handled.',
  );
}

export function webhooksTable(state: SandboxState): SafeHtml {
  const rows = [...state.webhooks.values()].map((w) => {
    const next = w.status === 'active' ? 'inactive' : 'active';
    const label = next === 'inactive' ? 'Mark inactive' : 'Mark active';
    return markup`<tr><td>${w.name}</td><td>${nameOf(state, w.createdBy)}</td><td>${w.resource}:${w.event}${w.filter ? markup`<br><code>${w.filter}</code>` : ''}</td><td>${w.targetUrl}</td><td><strong class="${w.status === 'active' ? 'notice' : 'error'}">${w.status}</strong></td>
<td><form method="post" action="/sandbox/control/webhooks/${encodeURIComponent(w.id)}/status"><input type="hidden" name="status" value="${next}"><button type="submit" class="secondary" aria-label="${label}: ${w.name} of ${nameOf(state, w.createdBy)}">${label}</button></form></td></tr>`;
  });
  return table(
    ['Name', 'Owner', 'Event', 'Target', 'Status', 'Change'],
    rows,
    'No webhooks yet. Connect someone to Deputy to register theirs.',
  );
}

export function deliveriesTable(state: SandboxState, limit = 20): SafeHtml {
  const names = new Map([...state.webhooks.values()].map((w) => [w.id, w.name]));
  const rows = state.deliveries
    .slice(-limit)
    .reverse()
    .map(
      (d) =>
        markup`<tr><td>${d.at.slice(11, 23)}</td><td>${names.get(d.webhookId) ?? '(deleted)'}</td><td>${d.resource}:${d.event}</td><td class="${d.ok ? 'notice' : 'error'}">${d.statusCode ?? d.error ?? ''}</td><td>${d.durationMs} ms</td></tr>`,
    );
  return table(['Time (UTC)', 'Webhook', 'Event', 'Answer', 'Took'], rows, 'No deliveries yet.');
}
