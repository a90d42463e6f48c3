/**
 * `GET /people/me` and `GET /rooms`, `GET /rooms/{roomId}`: who the token belongs to and the
 * spaces they are in. Rooms the caller is not a member of do not exist for them (404).
 */
import { authenticate, requireScope } from './bearer.js';
import type { SandboxDeps, SandboxRouter } from './context.js';
import { badRequest, notFound } from './errors.js';
import { parseMax } from './query.js';
import { personJson, roomJson } from './render.js';
import { isMember } from './state.js';

export function registerPeopleRoutes(router: SandboxRouter, deps: SandboxDeps): void {
  const { state } = deps;

  router.get('/sandbox/people/me', (ctx) => {
    const caller = authenticate(state, ctx);
    ctx.body = personJson(state, caller.person, deps.options.apiBaseUrl);
  });

  router.get('/sandbox/rooms', (ctx) => {
    const caller = authenticate(state, ctx);
    requireScope(caller, 'spark:rooms_read');
    const query = new URLSearchParams(ctx.querystring);
    const type = query.get('type');
    if (type !== null && type !== 'direct' && type !== 'group') {
      throw badRequest('type must be direct or group');
    }
    const max = parseMax(query.get('max'), 100);
    const sortBy = query.get('sortBy') ?? 'created';
    const rooms = [...state.rooms.values()]
      .filter((room) => isMember(room, caller.person.id) && (type === null || room.type === type))
      .sort((a, b) => {
        if (sortBy === 'id') return a.id.localeCompare(b.id);
        const field = sortBy === 'lastactivity' ? 'lastActivity' : 'created';
        return b[field].localeCompare(a[field]);
      })
      .slice(0, max);
    ctx.body = { items: rooms.map((room) => roomJson(state, room, caller.person.id)) };
  });

  router.get('/sandbox/rooms/:roomId', (ctx) => {
    const caller = authenticate(state, ctx);
    requireScope(caller, 'spark:rooms_read');
    const room = state.rooms.get(ctx.params['roomId'] ?? '');
    if (!room || !isMember(room, caller.person.id)) throw notFound('room');
    ctx.body = roomJson(state, room, caller.person.id);
  });
}
