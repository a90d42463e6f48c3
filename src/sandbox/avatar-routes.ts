/**
 * `GET /avatars/{personId}.svg`: the image behind each person's `avatar` URL, a circle with
 * initials, so that clients which show avatars get a real image from the sandbox too.
 */
import type { SandboxDeps, SandboxRouter } from './context.js';
import { notFound } from './errors.js';
import { escapeHtml } from './html.js';
import { findPerson } from './state.js';

const COLOURS = ['#0b5cad', '#8a3ffc', '#007d79', '#b2580d'];

export function registerAvatarRoutes(router: SandboxRouter, deps: SandboxDeps): void {
  router.get('/sandbox/avatars/:file', (ctx) => {
    const file = ctx.params['file'] ?? '';
    const person = file.endsWith('.svg') ? findPerson(deps.state, file.slice(0, -4)) : undefined;
    if (!person) throw notFound('avatar');
    const index = deps.state.people.indexOf(person);
    const initials = `${person.firstName.charAt(0)}${person.lastName.charAt(0)}`;
    ctx.type = 'image/svg+xml';
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.body = `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96"><circle cx="48" cy="48" r="48" fill="${COLOURS[index % COLOURS.length] ?? '#0b5cad'}"/><text x="48" y="60" font-family="sans-serif" font-size="36" fill="#fff" text-anchor="middle">${escapeHtml(initials)}</text></svg>`;
  });
}
