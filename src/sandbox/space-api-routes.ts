/**
 * The JSON routes behind the space page's script: the space's messages as HTML fragments with
 * their cards (polled about once a second), and posting a message or a card submission as the
 * person chosen under "writing as". The person comes as an id, never as a token: the sandbox acts
 * for its sample people itself, through the same code as the REST routes, so the same rules apply
 * and the same webhooks follow. Failures answer in Webex's error shape, which the page shows.
 */
import { createAttachmentAction } from './attachment-actions.js';
import { readJsonObject } from './body.js';
import { cardOf, isObject } from './card-rules.js';
import type { SandboxDeps, SandboxRouter } from './context.js';
import { badRequest, notFound } from './errors.js';
import { messageHtml } from './message-html.js';
import { createMessage } from './messages.js';
import { roomOf } from './page-routes.js';
import { findPerson, isMember, type SandboxPerson, type SandboxRoom } from './state.js';

export function registerSpaceApiRoutes(router: SandboxRouter, deps: SandboxDeps): void {
  const { state } = deps;

  router.get('/sandbox/spaces/:roomId/messages.json', (ctx) => {
    const room = roomOf(deps, ctx);
    const asked = new URLSearchParams(ctx.querystring).get('as');
    const as = findPerson(state, asked ?? '') ?? firstMember(deps, room);
    const view = { state, room, as };
    const messages = [...state.messages.values()].filter((m) => m.roomId === room.id);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = {
      messages: messages.map((m) => ({
        id: m.id,
        ...(m.parentId !== undefined ? { parentId: m.parentId } : {}),
        html: messageHtml(view, m).value,
        card: cardOf(m.attachments) ?? null,
      })),
    };
  });

  router.post('/sandbox/spaces/:roomId/messages', async (ctx) => {
    const room = roomOf(deps, ctx);
    const body = await readJsonObject(ctx);
    const as = member(deps, room, body['as']);
    const parentId =
      typeof body['parentId'] === 'string' && body['parentId'] !== ''
        ? body['parentId']
        : undefined;
    const message = createMessage(deps, as, { roomId: room.id, text: body['text'], parentId });
    ctx.body = { id: message.id };
  });

  router.post('/sandbox/spaces/:roomId/actions', async (ctx) => {
    const room = roomOf(deps, ctx);
    const body = await readJsonObject(ctx);
    const as = member(deps, room, body['as']);
    const message = state.messages.get(
      typeof body['messageId'] === 'string' ? body['messageId'] : '',
    );
    if (!message || message.roomId !== room.id) throw notFound('message');
    if (!isObject(body['inputs'])) throw badRequest('inputs must be an object');
    const action = createAttachmentAction(deps, as, {
      type: 'submit',
      messageId: message.id,
      inputs: body['inputs'],
    });
    ctx.body = { id: action.id, inputs: action.inputs };
  });
}

/** The page names who acts; someone outside the space cannot act in it. */
function member(deps: SandboxDeps, room: SandboxRoom, personId: unknown): SandboxPerson {
  const person = typeof personId === 'string' ? findPerson(deps.state, personId) : undefined;
  if (!person || !isMember(room, person.id)) {
    throw badRequest('as must be the id of a member of this space');
  }
  return person;
}

function firstMember(deps: SandboxDeps, room: SandboxRoom): SandboxPerson {
  const first = deps.state.people.find((p) => isMember(room, p.id));
  if (!first) throw badRequest('This space has no members.');
  return first;
}
