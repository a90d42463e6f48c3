/**
 * The queue dashboard (bull-board) at /admin/queues, only when ADMIN_TOKEN is set. The token is
 * accepted as a bearer token, or as the password of HTTP Basic so a browser can ask for it.
 */
import { timingSafeEqual } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { KoaAdapter } from '@bull-board/koa';
import type { Queue } from 'bullmq';
import type Koa from 'koa';

export const ADMIN_PATH = '/admin/queues';

export function mountAdmin(app: Koa, queues: Queue[], adminToken: string): void {
  const adapter = new KoaAdapter();
  adapter.setBasePath(ADMIN_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue)),
    serverAdapter: adapter,
  });

  app.use(async (ctx, next) => {
    if (ctx.path !== ADMIN_PATH && !ctx.path.startsWith(`${ADMIN_PATH}/`)) return next();
    if (!presentedToken(ctx.get('authorization'), adminToken)) {
      ctx.status = 401;
      ctx.set('WWW-Authenticate', 'Basic realm="Deputy queues", charset="UTF-8"');
      ctx.body = { error: 'the queue dashboard needs the admin token' };
      return;
    }
    return next();
  });
  app.use(adapter.registerPlugin());
}

function presentedToken(header: string, expected: string): boolean {
  const [scheme, value = ''] = header.split(' ', 2);
  let token: string | undefined;
  if (scheme?.toLowerCase() === 'bearer') token = value;
  if (scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    token = decoded.slice(decoded.indexOf(':') + 1);
  }
  if (token === undefined) return false;
  const left = Buffer.from(token);
  const right = Buffer.from(expected);
  return left.length === right.length && timingSafeEqual(left, right);
}
