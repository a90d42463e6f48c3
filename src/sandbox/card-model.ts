/**
 * Walking an Adaptive Card: its inputs and its actions, in document order, including those nested
 * in containers, columns, action sets and Action.ShowCard cards. The renderer and the submit
 * handler both use this, so a button's index always names the same action.
 */
import { isObject } from './card-rules.js';

export type CardElement = Record<string, unknown>;

/** A card property as display text: strings as they are, numbers printed, anything else empty. */
export function str(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

export function childElements(element: CardElement): CardElement[] {
  const out: CardElement[] = [];
  const push = (value: unknown) => {
    if (Array.isArray(value)) for (const item of value) if (isObject(item)) out.push(item);
  };
  push(element['items']);
  push(element['columns']);
  return out;
}

export function listInputs(card: CardElement): CardElement[] {
  const inputs: CardElement[] = [];
  walk(
    card,
    (element) => {
      if (typeof element['type'] === 'string' && element['type'].startsWith('Input.')) {
        if (typeof element['id'] === 'string' && element['id'] !== '') inputs.push(element);
      }
    },
    () => undefined,
  );
  return inputs;
}

export function listActions(card: CardElement): CardElement[] {
  const actions: CardElement[] = [];
  walk(
    card,
    () => undefined,
    (action) => actions.push(action),
  );
  return actions;
}

function walk(
  card: CardElement,
  onElement: (element: CardElement) => void,
  onAction: (action: CardElement) => void,
): void {
  const visitActions = (value: unknown) => {
    if (!Array.isArray(value)) return;
    for (const action of value) {
      if (!isObject(action)) continue;
      onAction(action);
      const shown = action['card'];
      if (action['type'] === 'Action.ShowCard' && isObject(shown)) walk(shown, onElement, onAction);
    }
  };
  const visit = (element: CardElement) => {
    onElement(element);
    if (element['type'] === 'ActionSet') visitActions(element['actions']);
    for (const child of childElements(element)) visit(child);
  };
  const body = card['body'];
  if (Array.isArray(body)) for (const element of body) if (isObject(element)) visit(element);
  visitActions(card['actions']);
}

/**
 * The `inputs` Webex sends for a submit: every input of the card by id, as strings (toggles as
 * their on/off values, multi-selects comma-joined), read from the submitted form values.
 */
export function collectInputs(
  card: CardElement,
  valuesOf: (inputId: string) => string[],
): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const input of listInputs(card)) {
    const id = input['id'] as string;
    const values = valuesOf(id);
    if (input['type'] === 'Input.Toggle') {
      const on = typeof input['valueOn'] === 'string' ? input['valueOn'] : 'true';
      const off = typeof input['valueOff'] === 'string' ? input['valueOff'] : 'false';
      inputs[id] = values.includes(on) ? on : off;
    } else if (input['type'] === 'Input.ChoiceSet' && input['isMultiSelect'] === true) {
      inputs[id] = values.join(',');
    } else {
      inputs[id] = values[0] ?? '';
    }
  }
  return inputs;
}
