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

/**
 * Sent with the pages that run script: only the sandbox's own scripts run, so even a card or
 * message that got past the escaping could not run any. Images may come from anywhere, as cards
 * link them; styles may be inline because the card renderer sets them.
 */
export const PAGE_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data: http: https:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

export interface PageExtras {
  /** Extra elements for the head, such as a no-script refresh. */
  head?: SafeHtml;
  /** Scripts served by the sandbox itself, in order; the pages never use inline script. */
  scripts?: string[];
}

/** The shared page frame; styles live in /sandbox/assets/sandbox.css. */
export function layout(title: string, body: SafeHtml, extras: PageExtras = {}): string {
  const scripts = (extras.scripts ?? []).map((src) => markup`<script src="${src}"></script>`);
  return markup`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Webex sandbox</title>
<link rel="stylesheet" href="/sandbox/assets/sandbox.css">
${extras.head ?? ''}
</head>
<body><main>
${body}
</main>
${scripts}
</body>
</html>`.value;
}

/** One attribute, or nothing: `attr('required', false)` and `attr('min', '')` render as nothing. */
export function attr(name: string, value: string | boolean | undefined): SafeHtml {
  if (value === undefined || value === false || value === '') return new SafeHtml('');
  if (value === true) return new SafeHtml(` ${name}`);
  return new SafeHtml(` ${name}="${escapeHtml(value)}"`);
}
