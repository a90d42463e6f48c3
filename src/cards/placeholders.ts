/**
 * Keeps people's text out of the template engine. Before expansion every string in the data is
 * swapped for an opaque token; after expansion the tokens are swapped back. Two things follow:
 * - whatever a person typed (`${...}`, quotes, backslashes, `[object Object]`) can never be read as
 *   template code, whatever a future adaptivecards-templating version does with data values;
 * - in the expanded-but-not-yet-restored card, any `${` or `[object Object]` can only have come
 *   from the template, so the lint can flag it without ever refusing what a person typed.
 * The price: templates must only place strings (or `join` them), never inspect their contents.
 */

// Private-use code points: no template contains them, so a match is always one of our tokens.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const TOKEN = /\uE000(\d+)\uE001/g;

export interface Placeholders {
  /** The data with every string replaced by a token; numbers, booleans and shapes are kept. */
  readonly data: unknown;
  /** A deep copy of `value` with every token replaced by the string it stands for. */
  restore(value: unknown): unknown;
}

export function bindAsPlaceholders(data: unknown): Placeholders {
  const strings: string[] = [];
  const swap = (value: unknown): unknown => {
    if (typeof value === 'string') {
      strings.push(value);
      return `${OPEN}${strings.length - 1}${CLOSE}`;
    }
    if (Array.isArray(value)) return value.map(swap);
    if (isRecord(value)) return mapValues(value, swap);
    return value;
  };
  const tokenised = swap(data);

  const restore = (value: unknown): unknown => {
    if (typeof value === 'string') {
      // A function replacer, so `$&` or `$1` inside a person's text is not a replacement pattern.
      return value.replace(TOKEN, (_token, index: string) => {
        const original = strings[Number(index)];
        if (original === undefined) throw new Error(`unknown data placeholder ${index}`);
        return original;
      });
    }
    if (Array.isArray(value)) return value.map(restore);
    if (isRecord(value)) return mapValues(value, restore);
    return value;
  };
  return { data: tokenised, restore };
}

/**
 * True when a string of the tokenised expansion holds part of a token: the template cut or changed a
 * data string (substring, toUpper, ...) instead of placing it whole, so restoring would garble it.
 */
export function hasBrokenPlaceholder(value: string): boolean {
  const rest = value.replace(TOKEN, '');
  return rest.includes(OPEN) || rest.includes(CLOSE);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function mapValues(
  record: Record<string, unknown>,
  map: (value: unknown) => unknown,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) result[key] = map(value);
  return result;
}
