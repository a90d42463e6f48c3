/**
 * Refreshing access tokens ahead of time, so that a person who is idle for weeks still has a
 * working token when an event comes. A token is refreshed when it would expire before the next
 * two runs (plus the usual margin), so one missed run does not let it lapse.
 */
import type { Logger } from '../log/logger.js';
import type { PersonStore } from '../people/person-store.js';
import { ReauthRequired } from './errors.js';
import { REFRESH_MARGIN_MS, type StoredTokens } from './expiry.js';
import type { PersonTokens } from './person-tokens.js';

export function refreshDueAhead(
  tokens: Pick<StoredTokens, 'accessTokenExpiresAt'>,
  intervalMs: number,
  now = Date.now(),
): boolean {
  return tokens.accessTokenExpiresAt - now <= 2 * intervalMs + REFRESH_MARGIN_MS;
}

export async function refreshAhead(
  deps: { people: PersonStore; tokens: PersonTokens; logger: Logger },
  intervalMs: number,
): Promise<{ refreshed: number; failed: number }> {
  let refreshed = 0;
  let failed = 0;
  for (const personId of await deps.people.connectedIds()) {
    try {
      const person = await deps.people.get(personId);
      if (person?.state !== 'active') continue;
      // Read through PersonTokens, so tokens that cannot be read mark the person at once.
      const tokens = await deps.tokens.current(personId);
      if (!refreshDueAhead(tokens, intervalMs)) continue;
      await deps.tokens.refresh(personId, tokens.accessToken);
      refreshed += 1;
    } catch (error) {
      failed += 1;
      // A refused refresh was logged and recorded where it happened.
      if (!(error instanceof ReauthRequired)) {
        deps.logger.warn(
          { personId, reason: error instanceof Error ? error.message : String(error) },
          'token not refreshed ahead of time',
        );
      }
    }
  }
  if (refreshed + failed > 0)
    deps.logger.info({ refreshed, failed }, 'tokens refreshed ahead of time');
  return { refreshed, failed };
}
