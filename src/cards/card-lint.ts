/**
 * Card lint: pure checks that an Adaptive Card is one Webex accepts and renders (webex-api.md §7).
 * A bad card fails here, in a test or before the HTTP call, never as a 400 from Webex (F06).
 */

export const MAX_CARD_VERSION = '1.3';
export const MAX_CARD_ACTIONS = 5;

// What Webex's card renderer implements (webex-api.md §7); anything else is dropped or refused.
const RENDERED_TYPES = new Set([
  'AdaptiveCard',
  'TextBlock',
  'RichTextBlock',
  'TextRun',
  'Image',
  'ImageSet',
  'Container',
  'ColumnSet',
  'Column',
  'FactSet',
  'ActionSet',
  'Input.Text',
  'Input.Number',
  'Input.Date',
  'Input.Time',
  'Input.Toggle',
  'Input.ChoiceSet',
  'Action.Submit',
  'Action.OpenUrl',
  'Action.ShowCard',
  'Action.ToggleVisibility',
]);

export interface LintCardOptions {
  /**
   * Set when the card is a template expansion whose data strings are still placeholders (see
   * placeholders.ts). Only then can a `${` be told apart from text a person typed, so only then is
   * it reported as an unbound template expression.
   */
  templateOutput?: boolean;
}

interface Walk {
  problems: string[];
  actions: number;
  inputIds: Map<string, number>;
  submitKeys: Set<string>;
  templateOutput: boolean;
}

export function lintCard(card: unknown, options: LintCardOptions = {}): string[] {
  if (!isRecord(card)) return ['the card is not a JSON object'];
  const walk: Walk = {
    problems: [],
    actions: 0,
    inputIds: new Map(),
    submitKeys: new Set(),
    templateOutput: options.templateOutput ?? false,
  };
  if (card.type !== 'AdaptiveCard') {
    walk.problems.push(`the card's type is ${JSON.stringify(card.type)}, not "AdaptiveCard"`);
  }
  walk.problems.push(...lintVersion(card.version));
  // The root's type was judged above; its properties and children are walked like any element's.
  lintCardProperties(card, 'card', walk);
  for (const [key, value] of Object.entries(card)) visit(value, `card.${key}`, walk, false);

  if (walk.actions > MAX_CARD_ACTIONS) {
    walk.problems.push(
      `the card has ${walk.actions} actions; Webex allows at most ${MAX_CARD_ACTIONS}`,
    );
  }
  for (const [id, count] of walk.inputIds) {
    if (count > 1) walk.problems.push(`input id "${id}" is used by ${count} inputs`);
    // Webex merges the inputs with the clicked button's data, data winning (F05 iv).
    if (walk.submitKeys.has(id)) {
      walk.problems.push(`input id "${id}" is also a key of an Action.Submit data object`);
    }
  }
  return walk.problems;
}

function lintVersion(version: unknown): string[] {
  if (version === undefined) return ['the card has no version; Webex refuses it'];
  if (typeof version !== 'string' || !/^\d+(\.\d+)*$/.test(version)) {
    return [`the card's version ${JSON.stringify(version)} is not a string like "1.3"`];
  }
  if (compareVersions(version, MAX_CARD_VERSION) > 0) {
    return [
      `the card's version ${version} is above ${MAX_CARD_VERSION}, the highest Webex renders`,
    ];
  }
  return [];
}

/** Numeric, part by part: "1.10" is above "1.3". */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const diff = (left[i] ?? 0) - (right[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}

/** `inData` marks a submit payload: its keys and values are data, not card elements. */
function visit(node: unknown, path: string, walk: Walk, inData: boolean): void {
  if (typeof node === 'string') {
    lintString(node, path, walk);
  } else if (Array.isArray(node)) {
    node.forEach((item, i) => visit(item, `${path}[${i}]`, walk, inData));
  } else if (isRecord(node)) {
    if (!inData) lintElement(node, path, walk);
    for (const [key, value] of Object.entries(node)) {
      const isPayload = !inData && key === 'data' && isAction(node.type);
      visit(value, `${path}.${key}`, walk, inData || isPayload);
    }
  }
}

function lintElement(node: Record<string, unknown>, path: string, walk: Walk): void {
  const type = node.type;
  if (typeof type !== 'string') return; // choices, facts, backgroundImage: typeless by design
  if (type === 'Action.Execute') {
    walk.problems.push(`${path} is an Action.Execute, which Webex does not support`);
  } else if (!RENDERED_TYPES.has(type)) {
    walk.problems.push(`${path} has type "${type}", which Webex does not render`);
  }
  if (type === 'AdaptiveCard') lintCardProperties(node, path, walk); // an Action.ShowCard's card
  if (isAction(type)) walk.actions += 1;
  if (type === 'Action.Submit' && isRecord(node.data)) {
    for (const key of Object.keys(node.data)) walk.submitKeys.add(key);
  }
  if (type.startsWith('Input.')) {
    if (typeof node.id !== 'string' || node.id === '') {
      walk.problems.push(`${path} is an ${type} without an id`);
    } else {
      walk.inputIds.set(node.id, (walk.inputIds.get(node.id) ?? 0) + 1);
    }
  }
}

/** Universal Actions (AC 1.4) properties: a Webex client would ignore or refuse them. */
function lintCardProperties(card: Record<string, unknown>, path: string, walk: Walk): void {
  for (const key of ['refresh', 'authentication']) {
    if (key in card) {
      walk.problems.push(`${path} has a "${key}" property, which Webex does not support`);
    }
  }
}

/**
 * Leftovers of a bad binding can only be told from typed text on a template's own output (where
 * typed text is still held by placeholders); on any other card these strings may be typed text.
 */
function lintString(value: string, path: string, walk: Walk): void {
  if (walk.templateOutput && value.includes('[object Object]')) {
    walk.problems.push(
      `${path} contains "[object Object]": an object was bound where text belongs`,
    );
  }
  if (walk.templateOutput && value.includes('${')) {
    walk.problems.push(`${path} contains an unbound template expression: ${JSON.stringify(value)}`);
  }
}

function isAction(type: unknown): boolean {
  return typeof type === 'string' && type.startsWith('Action.');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
