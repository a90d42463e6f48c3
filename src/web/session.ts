/**
 * Browser sessions: a random id in a signed, HTTP-only cookie, pointing at a Redis record with
 * the person's id and the CSRF token their forms must carry.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Context } from 'koa';
import { randomToken } from '../oauth/pkce.js';
import type { Keys } from '../redis/keys.js';

export const SESSION_COOKIE = 'deputy_session';
const SESSION_TTL_SECONDS = 30 * 24 * 3600;

export interface Session {
  id: string;
  personId: string;
  csrfToken: string;
}

export class Sessions {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly secureCookies: boolean,
  ) {}

  async start(ctx: Context, personId: string): Promise<void> {
    const session: Session = { id: randomToken(), personId, csrfToken: randomToken() };
    const sessions = this.keys.personSessions(personId);
    await this.redis
      .multi()
      .set(this.keys.session(session.id), JSON.stringify(session), 'EX', SESSION_TTL_SECONDS)
      .sadd(sessions, session.id)
      .expire(sessions, SESSION_TTL_SECONDS)
      .exec();
    ctx.cookies.set(SESSION_COOKIE, session.id, {
      signed: true,
      httpOnly: true,
      sameSite: 'lax',
      secure: this.secureCookies,
      maxAge: SESSION_TTL_SECONDS * 1000,
    });
  }

  async current(ctx: Context): Promise<Session | undefined> {
    const id = ctx.cookies.get(SESSION_COOKIE, { signed: true });
    if (!id) return undefined;
    const raw = await this.redis.get(this.keys.session(id));
    return raw ? (JSON.parse(raw) as Session) : undefined;
  }

  async end(ctx: Context, session: Session | undefined): Promise<void> {
    if (session) await this.redis.del(this.keys.session(session.id));
    ctx.cookies.set(SESSION_COOKIE, null, { signed: true });
  }

  /** Signs the person out in every browser. */
  async endAll(personId: string): Promise<void> {
    const ids = await this.redis.smembers(this.keys.personSessions(personId));
    await this.redis.del(
      ...ids.map((id) => this.keys.session(id)),
      this.keys.personSessions(personId),
    );
  }
}

export function csrfMatches(session: Session, submitted: unknown): boolean {
  if (typeof submitted !== 'string') return false;
  const left = Buffer.from(submitted);
  const right = Buffer.from(session.csrfToken);
  return left.length === right.length && timingSafeEqual(left, right);
}
