/**
 * Renders Deputy's cards by name. The templates in the top-level cards/ folder are read and parsed
 * once, at import, found relative to this file so any working directory works; they are frozen, so
 * no render can change what the next one starts from (F14: cards that merge).
 */
import { readFileSync } from 'node:fs';
import { CardError } from './errors.js';
import { expandTemplate, type AdaptiveCard, type TemplateObject } from './expand.js';
import { CARD_NAMES, cardSchemas, type CardData, type CardName } from './schemas.js';

export { CARD_CONTENT_TYPE } from './message-lint.js';
export { expandTemplate, type AdaptiveCard, type TemplateObject } from './expand.js';
export * from './schemas.js';

export const CARDS_DIR = new URL('../../cards/', import.meta.url);

const templates = new Map<CardName, TemplateObject>(
  CARD_NAMES.map((name) => [name, loadTemplate(name)]),
);

/** Throws a CardError when the data does not fit the template or the card breaks a Webex rule. */
export function renderCard<N extends CardName>(name: N, data: CardData[N]): AdaptiveCard {
  return expandTemplate(cardTemplate(name), cardSchemas[name], data);
}

/** The cached, frozen template object for `name`, as parsed from cards/<name>.json. */
export function cardTemplate(name: CardName): TemplateObject {
  const template = templates.get(name);
  if (template === undefined) throw new CardError('card_template_invalid', `no card "${name}"`);
  return template;
}

function loadTemplate(name: CardName): TemplateObject {
  const file = new URL(`${name}.json`, CARDS_DIR);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CardError('card_template_invalid', `cannot load ${file.pathname}: ${reason}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CardError('card_template_invalid', `${file.pathname} is not a JSON object`);
  }
  return deepFreeze(parsed as Record<string, unknown>);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
