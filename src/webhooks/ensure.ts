/**
 * Brings one person's webhooks at Webex to the desired set, touching only webhooks with
 * Deputy's names: a missing one is created, a wrong or inactive one is fixed with one PUT,
 * duplicates are deleted. An already correct set costs one list call and no write.
 */
import type { Logger } from '../log/logger.js';
import type { WebexClient } from '../webex/client.js';
import type { CreateWebhookBody, Webhook } from '../webex/types.js';

export interface EnsureResult {
  webhooks: Webhook[];
  created: number;
  updated: number;
  reactivated: number;
  deleted: number;
}

export async function ensureWebhooks(
  client: WebexClient,
  accessToken: string,
  desired: CreateWebhookBody[],
  logger: Logger,
): Promise<EnsureResult> {
  const existing = await client.listWebhooks(accessToken);
  const result: EnsureResult = { webhooks: [], created: 0, updated: 0, reactivated: 0, deleted: 0 };

  for (const want of desired) {
    const sameName = existing.filter((webhook) => webhook.name === want.name);
    // Prefer one that already points at the right place, so a correct set is left alone.
    const keep = sameName.find((webhook) => sameShape(webhook, want)) ?? sameName[0];
    for (const extra of sameName.filter((webhook) => webhook !== keep)) {
      await client.deleteWebhook(accessToken, extra.id);
      result.deleted += 1;
      logger.info({ webhookId: extra.id, name: extra.name }, 'deleted duplicate webhook');
    }

    if (!keep) {
      result.webhooks.push(await client.createWebhook(accessToken, want));
      result.created += 1;
      continue;
    }
    if (!sameShape(keep, want)) {
      // resource, event and filter cannot be changed with PUT: replace the webhook.
      await client.deleteWebhook(accessToken, keep.id);
      result.deleted += 1;
      result.webhooks.push(await client.createWebhook(accessToken, want));
      result.created += 1;
      continue;
    }
    const inactive = keep.status !== undefined && keep.status !== 'active';
    const secretDiffers = keep.secret !== undefined && keep.secret !== want.secret;
    if (inactive || secretDiffers || keep.targetUrl !== want.targetUrl) {
      const updated = await client.updateWebhook(accessToken, keep.id, {
        name: want.name,
        targetUrl: want.targetUrl,
        ...(want.secret !== undefined ? { secret: want.secret } : {}),
        status: 'active',
      });
      result.webhooks.push(updated);
      result.updated += 1;
      if (inactive) {
        result.reactivated += 1;
        logger.info({ webhookId: keep.id, name: keep.name }, 'reactivated inactive webhook');
      }
      continue;
    }
    result.webhooks.push(keep);
  }
  return result;
}

function sameShape(webhook: Webhook, want: CreateWebhookBody): boolean {
  return (
    webhook.resource === want.resource &&
    webhook.event === want.event &&
    (webhook.filter ?? '') === (want.filter ?? '')
  );
}
