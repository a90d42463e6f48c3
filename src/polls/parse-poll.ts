/** The rules of a poll as people type it: `Question? | Option A | Option B ...`. */

export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 10;
export const MAX_QUESTION_CHARS = 300;
export const MAX_OPTION_CHARS = 100;

export type PollDraft = { question: string; options: string[] };

export type ParseResult = { ok: true; poll: PollDraft } | { ok: false; problem: string };

/** Parses the text after `/poll`. */
export function parsePollCommand(args: string): ParseResult {
  const [question = '', ...options] = args.split('|').map((part) => part.trim());
  return checkPoll(question, options);
}

/** Parses the poll form card: a question and one option per line. */
export function parsePollForm(
  question: string | undefined,
  options: string | undefined,
): ParseResult {
  return checkPoll(
    (question ?? '').trim(),
    (options ?? '')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== ''),
  );
}

function checkPoll(question: string, options: string[]): ParseResult {
  if (question === '') return { ok: false, problem: 'The poll needs a question.' };
  if ([...question].length > MAX_QUESTION_CHARS) {
    return { ok: false, problem: `The question is longer than ${MAX_QUESTION_CHARS} characters.` };
  }
  if (options.some((option) => option === '')) {
    return {
      ok: false,
      problem: 'An option is empty: check for two bars in a row or a bar at the end.',
    };
  }
  if (options.length < MIN_OPTIONS || options.length > MAX_OPTIONS) {
    return {
      ok: false,
      problem: `A poll has ${MIN_OPTIONS} to ${MAX_OPTIONS} options; this one has ${options.length}.`,
    };
  }
  const tooLong = options.find((option) => [...option].length > MAX_OPTION_CHARS);
  if (tooLong !== undefined) {
    return { ok: false, problem: `An option is longer than ${MAX_OPTION_CHARS} characters.` };
  }
  const seen = new Set<string>();
  for (const option of options) {
    // é typed as one character or as e and an accent is the same option.
    const key = option.normalize('NFC').toLocaleLowerCase();
    if (seen.has(key)) return { ok: false, problem: 'Two options are the same; each must differ.' };
    seen.add(key);
  }
  return { ok: true, poll: { question, options } };
}
