/**
 * The browser side of the sandbox: the home page, a space's page, and the plain forms a browser
 * without script uses (post a message, press a card button), each answering with a redirect back
 * to the page (POST-redirect-GET). The page's script uses the JSON routes in space-api-routes.ts.
 * The page acts without tokens; it calls the same code as the REST routes, so webhooks follow.
 */
import { createAttachmentAction } from './attachment-actions.js';
import { isForm, readForm } from './body.js';
import { collectInputs, listActions } from './card-model.js';
import { INPUT_FIELD_PREFIX } from './card-inputs.js';
import { cardOf, isObject } from './card-rules.js';
import type { Ctx, SandboxDeps, SandboxRouter } from './context.js';
import { ApiError, PageError } from './errors.js';
import { homePage } from './home-page.js';
import { createMessage } from './messages.js';
import { spacePage } from './space-page.js';
import { spacePath } from './space-path.js';
import { PAGE_POLICY } from './html.js';
import { findPerson, type SandboxPerson, type SandboxRoom } from './state.js';

export function registerPageRoutes(router: SandboxRouter, deps: SandboxDeps): void {
  const { state } = deps;

  router.get('/sandbox', (ctx) => {
    ctx.type = 'html';
    ctx.body = homePage(state);
  });

  router.get('/sandbox/spaces/:roomId', (ctx) => {
    const room = roomOf(deps, ctx);
    const query = new URLSearchParams(ctx.querystring);
    const replyId = query.get('reply');
    const replyTo = replyId ? state.messages.get(replyId) : undefined;
    ctx.type = 'html';
    ctx.set('Content-Security-Policy', PAGE_POLICY);
    ctx.body = spacePage(state, {
      room,
      as: memberOf(deps, room, query.get('as')),
      replyTo: replyTo?.roomId === room.id && !replyTo.parentId ? replyTo : undefined,
      notice: query.get('notice') ?? undefined,
      error: query.get('error') ?? undefined,
    });
  });

  router.post('/sandbox/spaces/:roomId/messages', async (ctx, next) => {
    // JSON from the page's script is for the route of the same path in space-api-routes.ts.
    if (!isForm(ctx)) return next();
    const room = roomOf(deps, ctx);
    const form = await pageForm(ctx);
    const as = memberOf(deps, room, form.get('as'));
    const parentId = form.get('parentId') || undefined;
    backToSpace(ctx, room, as, () => {
      const message = createMessage(deps, as, {
        roomId: room.id,
        text: form.get('text') ?? '',
        parentId,
      });
      return { anchor: message.id };
    });
  });

  router.post('/sandbox/spaces/:roomId/cards/:messageId', async (ctx) => {
    const room = roomOf(deps, ctx);
    const form = await pageForm(ctx);
    const as = memberOf(deps, room, form.get('as'));
    const message = state.messages.get(ctx.params['messageId'] ?? '');
    const card = message?.roomId === room.id ? cardOf(message.attachments) : undefined;
    if (!message || !card) {
      throw new PageError(404, 'No such card', 'That card is not in this space.');
    }
    const action = listActions(card)[Number(form.get('action') ?? '-1')];
    if (!action || action['type'] !== 'Action.Submit') {
      throw new PageError(400, 'Not a submit button', 'That button does not submit the card.');
    }
    // Like the Webex app: the card's input values, then the button's data on top (data wins).
    const inputs =
      action['associatedInputs'] === 'none'
        ? {}
        : collectInputs(card, (id) => form.getAll(`${INPUT_FIELD_PREFIX}${id}`));
    const data = isObject(action['data']) ? action['data'] : {};
    backToSpace(ctx, room, as, () => {
      createAttachmentAction(deps, as, {
        type: 'submit',
        messageId: message.id,
        inputs: { ...inputs, ...data },
      });
      return { anchor: message.id, notice: `Card submitted as ${as.displayName}.` };
    });
  });
}

export function roomOf(deps: SandboxDeps, ctx: Ctx): SandboxRoom {
  const room = deps.state.rooms.get(ctx.params['roomId'] ?? '');
  if (!room) throw new PageError(404, 'No such space', 'The sandbox has no space with that id.');
  return room;
}

/** The person the page writes as: the one asked for if they are a member, else the first member. */
function memberOf(deps: SandboxDeps, room: SandboxRoom, personId: string | null): SandboxPerson {
  const asked = personId ? findPerson(deps.state, personId) : undefined;
  if (asked && room.memberIds.includes(asked.id)) return asked;
  const first = deps.state.people.find((p) => room.memberIds.includes(p.id));
  if (!first) throw new PageError(400, 'Empty space', 'This space has no members to write as.');
  return first;
}

async function pageForm(ctx: Ctx): Promise<URLSearchParams> {
  if (!isForm(ctx)) throw new PageError(415, 'Unsupported form', 'Expected a form submission.');
  return readForm(ctx);
}

/** Runs the action, then redirects to the space; a rule the action breaks is shown on the page. */
function backToSpace(
  ctx: Ctx,
  room: SandboxRoom,
  as: SandboxPerson,
  act: () => { anchor: string; notice?: string },
): void {
  ctx.status = 303;
  try {
    const { anchor, notice } = act();
    ctx.redirect(
      `${spacePath(room.id, as.id, notice ? { notice } : {})}#${encodeURIComponent(anchor)}`,
    );
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    ctx.redirect(spacePath(room.id, as.id, { error: error.message }));
  }
}
