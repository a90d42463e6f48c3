/**
 * What the controls do to the sandbox's state: revoke the tokens issued to the integration for a
 * person, mark a webhook active or inactive, change token settings and latency. Each validates
 * its input and throws the 400 or 404 the control API answers with.
 */
import { badRequest, notFound } from './errors.js';
import { findPerson, now, type SandboxState, type SandboxWebhook } from './state.js';

export type RevokeWhich = 'access' | 'refresh' | 'both';

/** Personal access tokens stay: they belong to the developer portal, not to the integration. */
export function revokeTokens(state: SandboxState, personId: string, which: string): number {
  if (!findPerson(state, personId)) throw notFound('person');
  if (which !== 'access' && which !== 'refresh' && which !== 'both') {
    throw badRequest('token must be access, refresh or both');
  }
  let revoked = 0;
  if (which !== 'refresh') {
    for (const [token, grant] of state.accessTokens) {
      if (grant.personId !== personId || grant.clientId === undefined) continue;
      state.accessTokens.delete(token);
      revoked += 1;
    }
  }
  if (which !== 'access') {
    for (const [token, grant] of state.refreshTokens) {
      if (grant.personId !== personId) continue;
      state.refreshTokens.delete(token);
      revoked += 1;
    }
  }
  return revoked;
}

/**
 * `inactive` is what Webex leaves after repeated failed deliveries, so it is recorded as a
 * disable (a PUT back to active within five minutes then gets Webex's stricter rule);
 * `active` from here is a clean slate.
 */
export function setWebhookStatus(state: SandboxState, id: string, status: unknown): SandboxWebhook {
  const webhook = state.webhooks.get(id);
  if (!webhook) throw notFound('webhook');
  if (status === 'inactive') {
    webhook.status = 'inactive';
    webhook.disabledAt = now(state);
    webhook.failures = [];
  } else if (status === 'active') {
    webhook.status = 'active';
    webhook.failures = [];
    delete webhook.disabledAt;
    delete webhook.strictUntil;
  } else {
    throw badRequest('status must be active or inactive');
  }
  return webhook;
}

export interface SettingsChange {
  rotateRefreshTokens: boolean | undefined;
  accessTokenSeconds: number | undefined;
  refreshTokenSeconds: number | undefined;
}

export function applySettings(state: SandboxState, change: SettingsChange) {
  const { settings } = state;
  if (change.rotateRefreshTokens !== undefined) {
    settings.rotateRefreshTokens = change.rotateRefreshTokens;
  }
  if (change.accessTokenSeconds !== undefined) {
    settings.accessTokenSeconds = change.accessTokenSeconds;
  }
  if (change.refreshTokenSeconds !== undefined) {
    settings.refreshTokenSeconds = change.refreshTokenSeconds;
  }
  return settingsView(state);
}

export function settingsView(state: SandboxState) {
  const { rotateRefreshTokens, accessTokenSeconds, refreshTokenSeconds, latencyMs } =
    state.settings;
  return { rotateRefreshTokens, accessTokenSeconds, refreshTokenSeconds, latencyMs };
}

/** How the control API shows a webhook: everything but the secret and the failure bookkeeping. */
export function webhookView(webhook: SandboxWebhook) {
  const { secret, failures, ...shown } = webhook;
  return { ...shown, hasSecret: secret !== undefined, recentFailures: failures.length };
}
