/**
 * `/attachment/actions`: submit a card (202 with the action, as the OpenAPI spec says) and read a
 * submission back, which is what Deputy does after an `attachmentActions` webhook.
 */
import { createAttachmentAction, readableAttachmentAction } from './attachment-actions.js';
import { authenticate, requireScope } from './bearer.js';
import { readJsonObject } from './body.js';
import type { SandboxDeps, SandboxRouter } from './context.js';
import { attachmentActionJson } from './render.js';

export function registerAttachmentRoutes(router: SandboxRouter, deps: SandboxDeps): void {
  router.post('/sandbox/attachment/actions', async (ctx) => {
    const caller = authenticate(deps.state, ctx);
    requireScope(caller, 'spark:messages_write');
    const body = await readJsonObject(ctx);
    const action = createAttachmentAction(deps, caller.person, body);
    ctx.status = 202;
    ctx.body = attachmentActionJson(action);
  });

  router.get('/sandbox/attachment/actions/:id', (ctx) => {
    const caller = authenticate(deps.state, ctx);
    requireScope(caller, 'spark:messages_read');
    ctx.body = attachmentActionJson(
      readableAttachmentAction(deps.state, caller.person, ctx.params['id'] ?? ''),
    );
  });
}
