/**
 * `/control/*` views: JSON for tests and curious people, and the Controls page. Unauthenticated
 * because the sandbox only ever runs locally. Personal access tokens are handed out here on
 * purpose: they are how tests act as a sample person. Webhook secrets are not.
 */
import type { SandboxDeps, SandboxRouter } from './context.js';
import { keptCalls } from './call-log.js';
import { webhookView } from './control-actions.js';
import { keptDeliveries } from './delivery.js';
import { controlPage } from './control-page.js';
import { roomJson } from './render.js';

export function registerControlRoutes(router: SandboxRouter, deps: SandboxDeps): void {
  const { state } = deps;

  router.get('/sandbox/control', (ctx) => {
    const query = new URLSearchParams(ctx.querystring);
    ctx.type = 'html';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = controlPage(state, {
      notice: query.get('notice') ?? undefined,
      error: query.get('error') ?? undefined,
    });
  });

  router.get('/sandbox/control/people', (ctx) => {
    ctx.body = state.people.map((p) => ({
      id: p.id,
      displayName: p.displayName,
      email: p.email,
      accessToken: p.personalAccessToken,
    }));
  });

  router.get('/sandbox/control/rooms', (ctx) => {
    ctx.body = [...state.rooms.values()].map((room) => ({
      ...roomJson(state, room, room.creatorId),
      title: room.title,
      memberIds: room.memberIds,
    }));
  });

  router.get('/sandbox/control/webhooks', (ctx) => {
    ctx.body = [...state.webhooks.values()].map(webhookView);
  });

  router.get('/sandbox/control/deliveries', (ctx) => {
    ctx.body = keptDeliveries(state);
  });

  router.get('/sandbox/control/token-calls', (ctx) => {
    ctx.body = state.tokenCalls;
  });

  router.get('/sandbox/control/calls', (ctx) => {
    ctx.body = keptCalls(state);
  });

  router.delete('/sandbox/control/calls', (ctx) => {
    const cleared = state.calls.length;
    state.calls.length = 0;
    ctx.body = { cleared };
  });
}
