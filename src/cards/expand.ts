/**
 * The one place adaptivecards-templating is called, with the guards its traps need (F14): the
 * template must be a parsed object, data is validated first and always bound as `$root`, people's
 * strings go through placeholders, and the expansion is linted before anyone can send it.
 */
import { Template } from 'adaptivecards-templating';
import type { z } from 'zod';
import { lintCard } from './card-lint.js';
import { CardError } from './errors.js';
import { CardLintError } from './lint.js';
import { bindAsPlaceholders, hasBrokenPlaceholder } from './placeholders.js';

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  version: string;
  body: unknown[];
  actions?: unknown[];
  [key: string]: unknown;
}

/** A parsed template: the JSON object itself, never its text. */
export type TemplateObject = Readonly<Record<string, unknown>>;

// Preparing parses every `${...}` once; expand() is synchronous and resets its own state on each
// call, so one prepared Template serves any number of renders. Keyed weakly so test templates go.
const prepared = new WeakMap<TemplateObject, Template>();

export function expandTemplate<S extends z.ZodType>(
  template: TemplateObject,
  schema: S,
  data: z.input<S>,
): AdaptiveCard {
  // A JSON string is accepted by the library and quietly produces "[object Object]" (F14).
  if (typeof template !== 'object' || template === null || Array.isArray(template)) {
    throw new CardError('card_template_invalid', 'a template must be a parsed JSON object');
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'data'}: ${issue.message}`,
    );
    throw new CardError('card_data_invalid', 'the card data does not match its template', problems);
  }

  const placeholders = bindAsPlaceholders(parsed.data);
  let expanded: unknown;
  try {
    expanded = prepare(template).expand({ $root: placeholders.data });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CardError('card_template_invalid', `the template could not be expanded: ${reason}`);
  }

  // Linted while data strings are still tokens: every `${` left here is the template's own.
  const problems = [
    ...lintCard(expanded, { templateOutput: true }),
    ...brokenPlaceholders(expanded),
  ];
  if (problems.length > 0) {
    throw new CardLintError(problems, 'the expanded card breaks Webex rules');
  }
  // restore() rebuilds every object, so the result shares nothing with the template or the data.
  return placeholders.restore(expanded) as AdaptiveCard;
}

function prepare(template: TemplateObject): Template {
  let ready = prepared.get(template);
  if (ready === undefined) {
    ready = new Template(template);
    prepared.set(template, ready);
  }
  return ready;
}

function brokenPlaceholders(node: unknown, path = 'card'): string[] {
  if (typeof node === 'string') {
    return hasBrokenPlaceholder(node)
      ? [`${path} holds a cut or altered data string; templates may only place or join data text`]
      : [];
  }
  if (Array.isArray(node))
    return node.flatMap((item, i) => brokenPlaceholders(item, `${path}[${i}]`));
  if (typeof node === 'object' && node !== null) {
    return Object.entries(node).flatMap(([key, value]) =>
      brokenPlaceholders(value, `${path}.${key}`),
    );
  }
  return [];
}
