/**
 * `/messages`: create (JSON), list a room newest first (with `max`, `parentId`, `before`,
 * `beforeMessage`, `mentionedPeople` and an RFC 5988 `Link` to the next page), get and delete.
 */
import { authenticate, requireScope } from './bearer.js';
import { readJsonObject } from './body.js';
import type { SandboxDeps, SandboxRouter } from './context.js';
import { badRequest, notFound } from './errors.js';
import { createMessage, deleteMessage, readableMessage } from './messages.js';
import { parseMax } from './query.js';
import { messageJson } from './render.js';
import { isMember, type SandboxMessage } from './state.js';

export function registerMessageRoutes(router: SandboxRouter, deps: SandboxDeps): void {
  const { state } = deps;

  router.post('/sandbox/messages', async (ctx) => {
    const caller = authenticate(state, ctx);
    requireScope(caller, 'spark:messages_write');
    const body = await readJsonObject(ctx);
    ctx.body = messageJson(createMessage(deps, caller.person, body));
  });

  router.get('/sandbox/messages', (ctx) => {
    const caller = authenticate(state, ctx);
    requireScope(caller, 'spark:messages_read');
    const query = new URLSearchParams(ctx.querystring);
    const roomId = query.get('roomId');
    if (!roomId) throw badRequest('roomId is required');
    const room = state.rooms.get(roomId);
    if (!room || !isMember(room, caller.person.id)) throw notFound('room');
    const max = parseMax(query.get('max'), 50);
    const parentId = query.get('parentId');
    const before = query.get('before');
    const beforeTime = before === null ? undefined : Date.parse(before);
    if (beforeTime !== undefined && Number.isNaN(beforeTime)) {
      throw badRequest('before must be an ISO 8601 date and time');
    }
    const beforeMessage = query.get('beforeMessage');
    const mentioned = query.get('mentionedPeople');
    if (mentioned !== null && mentioned !== 'me' && mentioned !== caller.person.id) {
      throw badRequest('mentionedPeople may only be me or your own person id');
    }

    const newestFirst = [...state.messages.values()].filter((m) => m.roomId === roomId).reverse();
    let candidates: SandboxMessage[] = newestFirst;
    if (beforeMessage !== null) {
      const index = newestFirst.findIndex((m) => m.id === beforeMessage);
      if (index < 0) throw badRequest('beforeMessage is not a message of this room');
      candidates = newestFirst.slice(index + 1);
    }
    const matching = candidates.filter(
      (m) =>
        (parentId === null || m.parentId === parentId) &&
        (beforeTime === undefined || Date.parse(m.created) < beforeTime) &&
        (mentioned === null || (m.mentionedPeople ?? []).includes(caller.person.id)),
    );
    const page = matching.slice(0, max);
    const last = page[page.length - 1];
    if (matching.length > max && last) {
      const next = new URLSearchParams(query);
      next.set('beforeMessage', last.id);
      next.delete('before');
      ctx.set('Link', `<${deps.options.apiBaseUrl}/messages?${next.toString()}>; rel="next"`);
    }
    ctx.body = { items: page.map(messageJson) };
  });

  router.get('/sandbox/messages/:messageId', (ctx) => {
    const caller = authenticate(state, ctx);
    requireScope(caller, 'spark:messages_read');
    ctx.body = messageJson(readableMessage(state, caller.person, ctx.params['messageId'] ?? ''));
  });

  router.delete('/sandbox/messages/:messageId', (ctx) => {
    const caller = authenticate(state, ctx);
    requireScope(caller, 'spark:messages_write');
    deleteMessage(deps, caller.person, ctx.params['messageId'] ?? '');
    ctx.status = 204;
  });
}
