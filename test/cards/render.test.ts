import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintCard } from '../../src/cards/lint.js';
import { CardError } from '../../src/cards/errors.js';
import {
  CARD_NAMES,
  CARDS_DIR,
  cardTemplate,
  renderCard,
  type AdaptiveCard,
} from '../../src/cards/render.js';
import { HOSTILE_TEXT, SAMPLES } from './samples.js';

const texts = (card: AdaptiveCard): string[] => {
  const found: string[] = [];
  JSON.stringify(card, (key, value: unknown) => {
    if (key === 'text' && typeof value === 'string') found.push(value);
    return value;
  });
  return found;
};

const fromDisk = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`${name}.json`, CARDS_DIR), 'utf8'));

describe('renderCard', () => {
  it('knows exactly the templates that exist in cards/', () => {
    const files = readdirSync(CARDS_DIR).filter((file) => file.endsWith('.json'));
    expect(files.map((file) => file.replace(/\.json$/, '')).sort()).toEqual([...CARD_NAMES].sort());
  });

  it.each(CARD_NAMES)('renders %s with sample data into a card that passes the lint', (name) => {
    const card = renderCard(name, SAMPLES[name]);
    expect(card.type).toBe('AdaptiveCard');
    expect(card.version).toBe('1.3');
    expect(card.$schema).toBe('http://adaptivecards.io/schemas/adaptive-card.json');
    expect(lintCard(card, { templateOutput: true })).toEqual([]);
    expect(JSON.stringify(card)).not.toContain('[object Object]');
  });

  it('puts a hostile question, author and option into the poll card exactly as typed', () => {
    const card = renderCard('poll', {
      ...SAMPLES.poll,
      question: HOSTILE_TEXT,
      authorName: HOSTILE_TEXT,
      options: [
        { value: '0', label: HOSTILE_TEXT },
        { value: '1', label: '${label}' },
      ],
    });
    expect(texts(card)).toEqual([HOSTILE_TEXT, `Poll by ${HOSTILE_TEXT}`]);
    const choiceSet = card.body[2] as { choices: unknown[] };
    expect(choiceSet.choices).toEqual([
      { title: HOSTILE_TEXT, value: '0' },
      { title: '${label}', value: '1' },
    ]);
    expect(lintCard(card)).toEqual([]);
  });

  it('keeps hostile text as typed in every other card', () => {
    const results = renderCard('poll-results', {
      ...SAMPLES['poll-results'],
      question: HOSTILE_TEXT,
      options: [{ label: HOSTILE_TEXT, count: 2, share: '100%' }],
    });
    expect(texts(results).filter((t) => t === HOSTILE_TEXT)).toHaveLength(2);
    const form = renderCard('poll-form', { question: HOSTILE_TEXT, options: `a\n${HOSTILE_TEXT}` });
    expect(form.body.slice(1)).toMatchObject([
      { value: HOSTILE_TEXT },
      { value: `a\n${HOSTILE_TEXT}` },
    ]);
    const notice = renderCard('notice', { title: HOSTILE_TEXT, text: HOSTILE_TEXT, usage: '${u}' });
    expect(texts(notice)).toEqual([HOSTILE_TEXT, HOSTILE_TEXT, 'Usage: ${u}']);
  });

  it('gives the poll three submit buttons carrying the action and poll id', () => {
    const card = renderCard('poll', SAMPLES.poll);
    expect(card.actions).toEqual(
      ['Vote', 'Results', 'Close'].map((title) => ({
        type: 'Action.Submit',
        title,
        data: { action: `poll.${title.toLowerCase()}`, pollId: 'POLL_1' },
      })),
    );
    expect(card.body[2]).toMatchObject({
      type: 'Input.ChoiceSet',
      id: 'choice',
      style: 'expanded',
    });
  });

  it.each([
    [0, false, ['Results', 'No votes yet', '0 voters']],
    [1, false, ['Results', '1 voter']],
    [3, true, ['Final results', '3 voters']],
  ] as const)(
    'titles and counts results for %i voters (closed: %s)',
    (voters, closed, expected) => {
      const card = renderCard('poll-results', { ...SAMPLES['poll-results'], voters, closed });
      const shown = texts(card);
      for (const text of expected) expect(shown).toContain(text);
      if (voters > 0) expect(shown).not.toContain('No votes yet');
      expect(shown).not.toContain(closed ? 'Results' : 'Final results');
    },
  );

  it('shows one row per option with its count and share', () => {
    const card = renderCard('poll-results', SAMPLES['poll-results']);
    const rows = card.body.filter((element) => (element as { type: string }).type === 'ColumnSet');
    expect(rows).toHaveLength(2);
    expect(texts({ ...card, body: rows })).toEqual(['Office', '1', '50%', 'Online', '1', '50%']);
  });

  it('shows the usage line of a notice only when a usage is given', () => {
    expect(texts(renderCard('notice', SAMPLES.notice))).toHaveLength(2);
    const withUsage = renderCard('notice', { ...SAMPLES.notice, usage: '/poll Q? | A | B' });
    expect(texts(withUsage)).toContain('Usage: /poll Q? | A | B');
  });

  it('renders an empty poll form with empty inputs, not literal placeholders', () => {
    const card = renderCard('poll-form', {});
    expect(card.body.slice(1)).toMatchObject([
      { id: 'question', value: '' },
      { id: 'options', value: '', isMultiline: true },
    ]);
  });

  it.each([
    ['a single command object instead of an array', 'help', { commands: SAMPLES.help.commands[0] }],
    ['one option', 'poll', { ...SAMPLES.poll, options: SAMPLES.poll.options.slice(0, 1) }],
    [
      'an option value that is not a digit',
      'poll',
      {
        ...SAMPLES.poll,
        options: [
          { value: 'a', label: 'x' },
          { value: '1', label: 'y' },
        ],
      },
    ],
    [
      'a repeated option value',
      'poll',
      {
        ...SAMPLES.poll,
        options: [
          { value: '1', label: 'x' },
          { value: '1', label: 'y' },
        ],
      },
    ],
    ['an empty question', 'poll', { ...SAMPLES.poll, question: '' }],
    ['an object as the question', 'poll', { ...SAMPLES.poll, question: { text: 'hi' } }],
    ['a negative voter count', 'poll-results', { ...SAMPLES['poll-results'], voters: -1 }],
    [
      'a single option object',
      'poll-results',
      { ...SAMPLES['poll-results'], options: { label: 'a', count: 1, share: '1%' } },
    ],
  ] as const)('refuses %s with a card_data_invalid CardError', (_what, name, data) => {
    const render = () => renderCard(name, data as never);
    expect(render).toThrow(CardError);
    expect(render).toThrow(expect.objectContaining({ code: 'card_data_invalid' }));
  });

  it('renders the same template in parallel into independent cards', async () => {
    const [first, second] = await Promise.all(
      ['Tea?', 'Coffee?'].map(async (question, i) => {
        await new Promise((resolve) => setTimeout(resolve, 5 - i * 5));
        return renderCard('poll', { ...SAMPLES.poll, pollId: `P${i}`, question });
      }),
    );
    expect(texts(first!)[0]).toBe('Tea?');
    expect(texts(second!)[0]).toBe('Coffee?');
    expect(first!.actions).not.toEqual(second!.actions);
  });

  it('leaves every cached template deep-equal to its file and frozen after renders', () => {
    for (const name of CARD_NAMES) {
      const card = renderCard(name, SAMPLES[name]);
      // A caller changing its card must not reach the template or the next render.
      (card.body[0] as { text: string }).text = 'changed';
      card.body.push({ type: 'TextBlock', text: 'extra' });
      expect(cardTemplate(name)).toEqual(fromDisk(name));
      expect(Object.isFrozen(cardTemplate(name))).toBe(true);
      expect(renderCard(name, SAMPLES[name])).not.toEqual(card);
    }
  });
});
