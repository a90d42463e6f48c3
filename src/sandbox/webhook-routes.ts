/**
 * `/webhooks` CRUD. A caller sees only the hooks their own person created through the same app,
 * so somebody else's hook is a 404, never a 403 that would confirm it exists.
 */
import { authenticate } from './bearer.js';
import { readJsonObject } from './body.js';
import type { SandboxDeps, SandboxRouter } from './context.js';
import { parseMax } from './query.js';
import { webhookJson } from './render.js';
import { createWebhook, ownedWebhook, ownsWebhook, updateWebhook } from './webhooks.js';

export function registerWebhookRoutes(router: SandboxRouter, deps: SandboxDeps): void {
  const { state } = deps;

  router.get('/sandbox/webhooks', (ctx) => {
    const caller = authenticate(state, ctx);
    const max = parseMax(new URLSearchParams(ctx.querystring).get('max'), 100);
    const mine = [...state.webhooks.values()].filter((w) => ownsWebhook(caller, w));
    ctx.body = { items: mine.slice(0, max).map(webhookJson) };
  });

  router.post('/sandbox/webhooks', async (ctx) => {
    const caller = authenticate(state, ctx);
    const body = await readJsonObject(ctx);
    ctx.body = webhookJson(createWebhook(state, caller, body));
  });

  router.get('/sandbox/webhooks/:webhookId', (ctx) => {
    const caller = authenticate(state, ctx);
    ctx.body = webhookJson(ownedWebhook(state, caller, ctx.params['webhookId'] ?? ''));
  });

  router.put('/sandbox/webhooks/:webhookId', async (ctx) => {
    const caller = authenticate(state, ctx);
    const webhook = ownedWebhook(state, caller, ctx.params['webhookId'] ?? '');
    const body = await readJsonObject(ctx);
    ctx.body = webhookJson(updateWebhook(state, webhook, body));
  });

  router.delete('/sandbox/webhooks/:webhookId', (ctx) => {
    const caller = authenticate(state, ctx);
    const webhook = ownedWebhook(state, caller, ctx.params['webhookId'] ?? '');
    state.webhooks.delete(webhook.id);
    ctx.status = 204;
  });
}
