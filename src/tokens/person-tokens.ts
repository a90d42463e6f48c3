/**
 * Acting as a person: hands a valid access token to a call, refreshing it first when it expires
 * within five minutes, and once more (then retrying once) when Webex answers 401. Refreshes are
 * single-flight per person across every process: one holds a short Redis lock and refreshes,
 * the others wait and read the new token from the store.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { Logger } from '../log/logger.js';
import type { Metrics } from '../metrics/metrics.js';
import type { ConnectedPerson, PersonStore } from '../people/person-store.js';
import type { Keys } from '../redis/keys.js';
import type { WebexClient } from '../webex/client.js';
import { WebexApiError } from '../webex/errors.js';
import { TokensUnreadable } from './crypto.js';
import { NotConnected, ReauthRequired } from './errors.js';
import {
  applyTokenResponse,
  needsRefresh,
  refreshTokenExpiresSoon,
  type StoredTokens,
} from './expiry.js';

const LOCK_MS = 15_000;
const WAIT_STEP_MS = 50;
/** The "reconnect soon" warning is logged once a person, not on every refresh. */
const WARNING_REPEAT_SECONDS = 8 * 24 * 3600;

const RELEASE_LOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/** Acting as one person during one job; see `PersonTokens.actingAs`. */
export interface ActingAs {
  person: ConnectedPerson;
  withToken<T>(call: (accessToken: string) => Promise<T>): Promise<T>;
}

export class PersonTokens {
  constructor(
    private readonly deps: {
      store: PersonStore;
      client: WebexClient;
      redis: Redis;
      keys: Keys;
      logger: Logger;
      metrics?: Metrics;
    },
  ) {}

  async withToken<T>(personId: string, call: (accessToken: string) => Promise<T>): Promise<T> {
    return (await this.callWith(personId, await this.current(personId), call)).result;
  }

  /**
   * The person, read with their tokens in one round trip, for the length of one job: its
   * `withToken` reuses those tokens from call to call (decrypting them on first use) and
   * refreshes them as `withToken` does. Throws NotConnected when the person is not connected.
   */
  async actingAs(personId: string): Promise<ActingAs> {
    const { person, openTokens } = await this.deps.store.getWithTokens(personId);
    if (!person) throw new NotConnected(personId);
    let tokens: StoredTokens | undefined;
    return {
      person,
      withToken: async (call) => {
        tokens ??= await this.usable(person, openTokens);
        const outcome = await this.callWith(personId, tokens, call);
        tokens = outcome.tokens;
        return outcome.result;
      },
    };
  }

  /** Runs `call` with `tokens`, refreshing them first when they expire soon, or once on a 401. */
  private async callWith<T>(
    personId: string,
    tokens: StoredTokens,
    call: (accessToken: string) => Promise<T>,
  ): Promise<{ result: T; tokens: StoredTokens }> {
    let refreshed = false;
    if (needsRefresh(tokens)) {
      tokens = await this.refresh(personId, tokens.accessToken);
      refreshed = true;
    }
    try {
      return { result: await call(tokens.accessToken), tokens };
    } catch (error) {
      if (!(error instanceof WebexApiError) || error.status !== 401 || refreshed) throw error;
      this.deps.logger.info(
        { personId, route: error.route },
        'access token refused; refreshing once',
      );
      tokens = await this.refresh(personId, tokens.accessToken);
      return { result: await call(tokens.accessToken), tokens };
    }
  }

  /**
   * Replaces `staleAccessToken`. Whoever gets the lock refreshes; everyone else waits until the
   * store holds a different token (or the lock is free again, then tries to take it).
   */
  async refresh(personId: string, staleAccessToken: string): Promise<StoredTokens> {
    const { redis, keys } = this.deps;
    const deadline = Date.now() + LOCK_MS * 2;
    while (Date.now() < deadline) {
      const tokens = await this.current(personId);
      if (tokens.accessToken !== staleAccessToken) return tokens;
      const lockValue = randomUUID();
      const locked = await redis.set(keys.refreshLock(personId), lockValue, 'PX', LOCK_MS, 'NX');
      if (locked === 'OK') {
        try {
          // Someone may have finished a refresh between our read and our lock.
          const latest = await this.current(personId);
          if (latest.accessToken !== staleAccessToken) return latest;
          return await this.refreshHoldingLock(personId, latest);
        } finally {
          await redis.eval(RELEASE_LOCK, 1, keys.refreshLock(personId), lockValue);
        }
      }
      await sleep(WAIT_STEP_MS);
    }
    throw new WebexApiError(
      0,
      'timed out waiting for another process to refresh the token',
      undefined,
      'refresh',
    );
  }

  private async refreshHoldingLock(personId: string, tokens: StoredTokens): Promise<StoredTokens> {
    const { client, store, logger, metrics } = this.deps;
    let response;
    try {
      response = await client.refreshAccessToken(tokens.refreshToken);
    } catch (error) {
      if (error instanceof WebexApiError && error.status === 400) {
        metrics?.tokenRefreshes.inc({ outcome: 'refused' });
        await store.setState(personId, 'reauth_required');
        logger.warn(
          {
            personId,
            status: error.status,
            oauthError: error.oauthError,
            trackingId: error.trackingId,
          },
          'refresh token refused; the person must reconnect',
        );
        throw new ReauthRequired(personId);
      }
      metrics?.tokenRefreshes.inc({ outcome: 'failed' });
      throw error;
    }
    const next = applyTokenResponse(tokens, response);
    await store.saveTokens(personId, next);
    metrics?.tokenRefreshes.inc({ outcome: 'refreshed' });
    logger.info({ personId }, 'access token refreshed');
    const warnedKey = this.deps.keys.refreshWarning(personId);
    if (
      refreshTokenExpiresSoon(next) &&
      (await this.deps.redis.set(warnedKey, '1', 'EX', WARNING_REPEAT_SECONDS, 'NX')) === 'OK'
    ) {
      logger.warn(
        {
          personId,
          refreshTokenExpiresAt: new Date(next.refreshTokenExpiresAt ?? 0).toISOString(),
        },
        'refresh token expires within seven days; the person will have to reconnect',
      );
    }
    return next;
  }

  /** The person's stored tokens; throws if they are not connected or must reconnect. */
  async current(personId: string): Promise<StoredTokens> {
    const { person, openTokens } = await this.deps.store.getWithTokens(personId);
    if (!person) throw new NotConnected(personId);
    return this.usable(person, openTokens);
  }

  /** Tokens Deputy may act with: the person's state allows it and the store's copy is readable. */
  private async usable(
    person: ConnectedPerson,
    openTokens: () => Promise<StoredTokens | undefined>,
  ): Promise<StoredTokens> {
    const personId = person.id;
    if (person.state === 'reauth_required') throw new ReauthRequired(personId);
    let tokens: StoredTokens | undefined;
    try {
      tokens = await openTokens();
    } catch (error) {
      if (!(error instanceof TokensUnreadable)) throw error;
      // Written with a key no longer configured: only a new authorization helps.
      await this.deps.store.setState(personId, 'reauth_required');
      this.deps.logger.warn(
        { personId },
        'stored tokens cannot be read with the configured keys; the person must reconnect',
      );
      throw new ReauthRequired(personId);
    }
    if (!tokens) throw new NotConnected(personId);
    return tokens;
  }
}
