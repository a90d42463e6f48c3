/**
 * Pending authorizations. Each `state` is single use, lives ten minutes, and is bound to the
 * browser that started it by a nonce also kept in that browser's cookie.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';

export const STATE_TTL_SECONDS = 600;

interface PendingAuthorization {
  codeVerifier: string;
  browserNonce: string;
}

export type TakeResult =
  { ok: true; codeVerifier: string } | { ok: false; reason: 'unknown_state' | 'other_browser' };

export class StateStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  async save(state: string, pending: PendingAuthorization): Promise<void> {
    await this.redis.set(
      this.keys.oauthState(state),
      JSON.stringify(pending),
      'EX',
      STATE_TTL_SECONDS,
    );
  }

  /** Consumes the state whatever happens next, so it can never be used twice. */
  async take(state: string, browserNonce: string | undefined): Promise<TakeResult> {
    const raw = await this.redis.getdel(this.keys.oauthState(state));
    if (!raw) return { ok: false, reason: 'unknown_state' };
    const pending = JSON.parse(raw) as PendingAuthorization;
    if (!browserNonce || !sameText(browserNonce, pending.browserNonce)) {
      return { ok: false, reason: 'other_browser' };
    }
    return { ok: true, codeVerifier: pending.codeVerifier };
  }
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
