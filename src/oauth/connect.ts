/**
 * Connecting a person after Webex handed back an authorization code: exchange it, learn who
 * they are, register their webhooks, then store everything in one go. A failure at any step
 * stores nothing.
 */
import type { Logger } from '../log/logger.js';
import type { PersonStore } from '../people/person-store.js';
import { applyTokenResponse } from '../tokens/expiry.js';
import { desiredWebhooks } from '../webhooks/desired.js';
import { ensureWebhooks } from '../webhooks/ensure.js';
import { webhookSecretFor } from '../webhooks/secret.js';
import type { WebexClient } from '../webex/client.js';
import type { Person } from '../webex/types.js';

export interface ConnectDeps {
  client: WebexClient;
  people: PersonStore;
  publicBaseUrl: string;
  webhookSecret: string;
  logger: Logger;
}

export async function connectPerson(
  deps: ConnectDeps,
  code: string,
  codeVerifier: string,
): Promise<Person> {
  const redirectUri = `${deps.publicBaseUrl}/oauth/callback`;
  const tokens = applyTokenResponse(
    undefined,
    await deps.client.exchangeCode(code, codeVerifier, redirectUri),
  );
  const me = await deps.client.getMe(tokens.accessToken);
  const secret = webhookSecretFor(deps.webhookSecret, me.id);
  const result = await ensureWebhooks(
    deps.client,
    tokens.accessToken,
    desiredWebhooks(me.id, deps.publicBaseUrl, secret),
    deps.logger,
  );
  await deps.people.connect(
    {
      id: me.id,
      displayName: me.displayName,
      email: me.emails[0] ?? '',
      orgId: me.orgId,
      webhooks: result.webhooks.map((w) => ({
        id: w.id,
        name: w.name,
        status: w.status ?? 'active',
      })),
    },
    tokens,
  );
  deps.logger.info(
    { personId: me.id, created: result.created, updated: result.updated, deleted: result.deleted },
    'person connected',
  );
  return me;
}
