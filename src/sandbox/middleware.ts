/**
 * Router-level middleware: a `Trackingid` header on every response (Webex sends one, clients log
 * it), and one place that turns thrown failures into the body Webex would send for them. The API
 * gate renders errors with the same function, so the calls it records carry the final answer.
 */
import type { Context, Middleware } from 'koa';
import type { Logger } from '../log/logger.js';
import { ApiError, OAuthError, PageError, webexErrorBody } from './errors.js';
import { layout, markup } from './html.js';
import { trackingId } from './ids.js';

export function trackingAndErrors(logger: Logger): Middleware {
  return async (ctx, next) => {
    const id = trackingId();
    ctx.state['trackingId'] = id;
    ctx.set('Trackingid', id);
    try {
      await next();
    } catch (error) {
      renderError(ctx, error, logger);
    }
  };
}

export function trackingIdOf(ctx: Context): string {
  const id: unknown = ctx.state['trackingId'];
  return typeof id === 'string' ? id : '';
}

export function renderError(ctx: Context, error: unknown, logger: Logger): void {
  const id = trackingIdOf(ctx);
  if (error instanceof ApiError) {
    ctx.status = error.status;
    ctx.body = webexErrorBody(error.message, id);
  } else if (error instanceof OAuthError) {
    ctx.status = error.status;
    ctx.body = { error: error.error, error_description: error.description };
  } else if (error instanceof PageError) {
    ctx.status = error.status;
    ctx.type = 'html';
    ctx.body = layout(
      error.title,
      markup`<h1>${error.title}</h1><p class="error">${error.detail}</p>`,
    );
  } else {
    const status = httpStatusOf(error);
    if (status >= 500) logger.error({ err: error, trackingId: id }, 'sandbox route failed');
    ctx.status = status;
    ctx.body = webexErrorBody(
      status >= 500 ? 'Internal Server Error' : (error as Error).message,
      id,
    );
  }
}

/** Errors thrown by Koa itself (ctx.throw, http-errors) carry a status and say if it may be shown. */
function httpStatusOf(error: unknown): number {
  if (typeof error === 'object' && error !== null) {
    const { status, expose } = error as { status?: unknown; expose?: unknown };
    if (typeof status === 'number' && status >= 400 && status < 600 && expose === true) {
      return status;
    }
  }
  return 500;
}
