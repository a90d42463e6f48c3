/**
 * `/sandbox/assets/*`: the page's own scripts and styles, and Microsoft's adaptivecards renderer
 * read from node_modules, so the page needs no CDN and works offline. Files are read once and
 * kept; only the names listed here are served.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { SandboxDeps, SandboxRouter } from './context.js';
import { notFound } from './errors.js';

interface Asset {
  path: () => string;
  type: string;
  /** The renderer changes only with the package; the page's own files with a new sandbox. */
  cacheControl: string;
}

const require = createRequire(import.meta.url);
const own = (name: string) => () => fileURLToPath(new URL(`./assets/${name}`, import.meta.url));
const renderer = (name: string) => () => require.resolve(`adaptivecards/dist/${name}`);
const JS = 'application/javascript; charset=utf-8';
const FRESH = 'no-cache';
const HOUR = 'public, max-age=3600';

const ASSETS: Record<string, Asset> = {
  'adaptivecards.js': { path: renderer('adaptivecards.min.js'), type: JS, cacheControl: HOUR },
  // The minified file names its source map; browsers ask for it only when devtools are open.
  'adaptivecards.min.js.map': {
    path: renderer('adaptivecards.min.js.map'),
    type: 'application/json',
    cacheControl: HOUR,
  },
  'cards.js': { path: own('cards.js'), type: JS, cacheControl: FRESH },
  'compose.js': { path: own('compose.js'), type: JS, cacheControl: FRESH },
  'space.js': { path: own('space.js'), type: JS, cacheControl: FRESH },
  'sandbox.css': { path: own('sandbox.css'), type: 'text/css; charset=utf-8', cacheControl: FRESH },
  'space.css': { path: own('space.css'), type: 'text/css; charset=utf-8', cacheControl: FRESH },
};

export function registerAssetRoutes(router: SandboxRouter, _deps: SandboxDeps): void {
  const loaded = new Map<string, Buffer>();
  router.get('/sandbox/assets/:file', (ctx) => {
    const name = ctx.params['file'] ?? '';
    const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
    if (!asset) throw notFound('asset');
    let content = loaded.get(name);
    if (!content) {
      content = readFileSync(asset.path());
      loaded.set(name, content);
    }
    ctx.type = asset.type;
    ctx.set('Cache-Control', asset.cacheControl);
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.body = content;
  });
}
