/**
 * `/control/*`: JSON views of the sandbox for tests and curious people, unauthenticated because
 * the sandbox only ever runs locally. Personal access tokens are handed out here on purpose: they
 * are how tests act as a sample person. Webhook secrets are not.
 */
import type { SandboxDeps, SandboxRouter } from './context.js';
import { roomJson } from './render.js';

export function registerControlRoutes(router: SandboxRouter, deps: SandboxDeps): void {
  const { state } = deps;

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
    ctx.body = [...state.webhooks.values()].map(({ secret, failures, ...webhook }) => ({
      ...webhook,
      hasSecret: secret !== undefined,
      recentFailures: failures.length,
    }));
  });

  router.get('/sandbox/control/deliveries', (ctx) => {
    ctx.body = state.deliveries;
  });

  router.get('/sandbox/control/token-calls', (ctx) => {
    ctx.body = state.tokenCalls;
  });
}
