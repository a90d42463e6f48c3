/**
 * The webhook reconciler: brings every connected person's webhooks back to the desired set
 * (re-activating, recreating, removing duplicates, moving them to a new target or secret).
 */
import type { Logger } from '../log/logger.js';
import type { Metrics } from '../metrics/metrics.js';
import type { PersonStore } from '../people/person-store.js';
import type { PersonTokens } from '../tokens/person-tokens.js';
import type { WebexClient } from '../webex/client.js';
import { desiredWebhooks } from './desired.js';
import { ensureWebhooks } from './ensure.js';
import { webhookSecretFor } from './secret.js';

export interface ReconcileDeps {
  people: PersonStore;
  tokens: PersonTokens;
  client: WebexClient;
  publicBaseUrl: string;
  webhookSecret: string;
  logger: Logger;
  metrics?: Metrics;
}

export interface ReconcileSummary {
  people: number;
  failed: number;
  created: number;
  updated: number;
  reactivated: number;
  deleted: number;
}

export async function reconcileAll(deps: ReconcileDeps): Promise<ReconcileSummary> {
  const summary: ReconcileSummary = {
    people: 0,
    failed: 0,
    created: 0,
    updated: 0,
    reactivated: 0,
    deleted: 0,
  };
  for (const personId of await deps.people.connectedIds()) {
    const person = await deps.people.get(personId);
    if (!person || person.state !== 'active') continue;
    summary.people += 1;
    try {
      const desired = desiredWebhooks(
        personId,
        deps.publicBaseUrl,
        webhookSecretFor(deps.webhookSecret, personId),
      );
      const result = await deps.tokens.withToken(personId, (token) =>
        ensureWebhooks(deps.client, token, desired, deps.logger),
      );
      await deps.people.saveWebhooks(
        personId,
        result.webhooks.map((w) => ({ id: w.id, name: w.name, status: w.status ?? 'active' })),
      );
      summary.created += result.created;
      summary.updated += result.updated;
      summary.reactivated += result.reactivated;
      deps.metrics?.webhookReactivations.inc(result.reactivated);
      summary.deleted += result.deleted;
    } catch (error) {
      summary.failed += 1;
      deps.logger.warn(
        { personId, reason: error instanceof Error ? error.message : String(error) },
        'webhooks not reconciled for this person',
      );
    }
  }
  deps.logger.info(summary, 'webhooks reconciled');
  return summary;
}
