/**
 * HTML building for the sandbox's pages. Every interpolated value is escaped unless it is already
 * SafeHtml, so text people typed (message bodies, card fields) can never become markup.
 * The tag is called `markup`, not `html`, because Prettier reformats `html` templates and would
 * add whitespace inside elements whose whitespace shows (`white-space: pre-wrap`, textarea).
 */

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

function fragment(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(fragment).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(String(value));
}

/** Tagged template: markup`<p>${text}</p>` escapes `text`; nested markup`` and arrays pass through. */
export function markup(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += fragment(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Only for constant markup written in this codebase, never for data. */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

const STYLE = `
body{font:16px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1b1b1b;background:#f6f7f9}
main{max-width:46rem;margin:0 auto;padding:1rem}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:1.5rem}
a{color:#0b5cad}
.box{background:#fff;border:1px solid #d8dce3;border-radius:8px;padding:.75rem 1rem;margin:.75rem 0}
.meta{color:#555;font-size:.85rem}
.text{white-space:pre-wrap;overflow-wrap:anywhere;margin:.25rem 0}
.replies{margin-left:1rem;border-left:3px solid #d8dce3;padding-left:.75rem}
.reply{padding:.4rem 0}
.card{border:1px solid #b9c3d3;border-radius:8px;padding:.75rem;margin:.5rem 0;background:#fbfcfe}
.card .actions{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:.5rem}
label{display:block;font-weight:600;margin:.5rem 0 .2rem}
label.choice{font-weight:400;margin:.2rem 0}
input[type=text],input[type=number],input[type=date],input[type=time],select,textarea{width:100%;box-sizing:border-box;font:inherit;padding:.4rem}
button{font:inherit;padding:.45rem .9rem;border-radius:6px;border:1px solid #0b5cad;background:#0b5cad;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#0b5cad}
table{border-collapse:collapse;width:100%;font-size:.85rem}td,th{border-bottom:1px solid #d8dce3;padding:.25rem;text-align:left;overflow-wrap:anywhere}
.error{color:#a40000}
`;

export function layout(title: string, body: SafeHtml, head: SafeHtml = markup``): string {
  return markup`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Webex sandbox</title>
<style>${trusted(STYLE)}</style>
${head}
</head>
<body><main>
${body}
</main></body>
</html>`.value;
}

/** One attribute, or nothing: `attr('required', false)` and `attr('min', '')` render as nothing. */
export function attr(name: string, value: string | boolean | undefined): SafeHtml {
  if (value === undefined || value === false || value === '') return new SafeHtml('');
  if (value === true) return new SafeHtml(` ${name}`);
  return new SafeHtml(` ${name}="${escapeHtml(value)}"`);
}
