/** HTML for Deputy's own pages: escaping, and one accessible layout that works on a phone. */

export function escapeHtml(value: unknown): string {
  return String(value)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** A tagged template whose interpolations are escaped unless wrapped in `raw()`. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Raw {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += renderValue(value) + (strings[index + 1] ?? '');
  });
  return new Raw(out);
}

export class Raw {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function raw(value: string): Raw {
  return new Raw(value);
}

function renderValue(value: unknown): string {
  if (value instanceof Raw) return value.value;
  if (Array.isArray(value)) return value.map(renderValue).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(value);
}

const STYLE = `
:root { color-scheme: light; --ink: #1a1a1a; --muted: #4a4a4a; --accent: #0a5bd7; --bad: #a4160d; --ok: #146b2e; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #f5f6f8; }
main { max-width: 42rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
header.site { background: #fff; border-bottom: 1px solid #d8dbe0; }
header.site div { max-width: 42rem; margin: 0 auto; padding: .75rem 1rem; font-weight: 600; }
header.site a { color: var(--ink); text-decoration: none; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: .5rem 0 1rem; }
h2 { font-size: 1.15rem; margin: 1.75rem 0 .5rem; }
p, li { color: var(--ink); }
.muted { color: var(--muted); }
.card { background: #fff; border: 1px solid #d8dbe0; border-radius: 8px; padding: 1rem 1.25rem; margin: 1rem 0; }
.button { display: inline-block; padding: .7rem 1.2rem; border-radius: 6px; border: 0; font: inherit; font-weight: 600; cursor: pointer; text-decoration: none; background: var(--accent); color: #fff; min-height: 44px; }
.button.secondary { background: #fff; color: var(--bad); border: 2px solid var(--bad); }
.button:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
.state { font-weight: 600; }
.state.active { color: var(--ok); }
.state.reauth_required, .state.inactive, .error h1 { color: var(--bad); }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .35rem 1rem; margin: 0; }
dt { color: var(--muted); }
dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid #e3e5e8; overflow-wrap: anywhere; }
p.actions { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem; }
code { background: #eef0f3; padding: 0 .25rem; border-radius: 3px; }
@media (max-width: 30rem) { dl { grid-template-columns: 1fr; } dt { margin-top: .5rem; } }
`;

export function page(title: string, body: Raw): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Deputy</title>
<style>${STYLE}</style>
</head>
<body>
<header class="site"><div><a href="/">Deputy</a></div></header>
<main>
${body.value}
</main>
</body>
</html>`;
}
