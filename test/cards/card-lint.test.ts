import { describe, expect, it } from 'vitest';
import { compareVersions, lintCard } from '../../src/cards/lint.js';

const card = (extra: Record<string, unknown> = {}) => ({
  type: 'AdaptiveCard',
  version: '1.3',
  body: [{ type: 'TextBlock', text: 'Hi', wrap: true }],
  ...extra,
});
const submit = (title: string, data: unknown = { action: title }) => ({
  type: 'Action.Submit',
  title,
  data,
});
const expectProblem = (input: unknown, pattern: RegExp) =>
  expect(lintCard(input)).toEqual([expect.stringMatching(pattern)]);

describe('lintCard', () => {
  it('accepts a plain 1.3 card', () => {
    expect(lintCard(card())).toEqual([]);
  });

  it('rejects something that is not an object', () => {
    expectProblem('{"type":"AdaptiveCard"}', /not a JSON object/);
    expectProblem(null, /not a JSON object/);
  });

  it('rejects a card whose type is not AdaptiveCard', () => {
    expectProblem(card({ type: undefined }), /type is undefined, not "AdaptiveCard"/);
    expectProblem(card({ type: 'Card' }), /type is "Card"/);
  });

  it('rejects a card without a version (F06 a)', () => {
    expectProblem(card({ version: undefined }), /has no version/);
  });

  it.each(['1.4', '1.5', '1.10', '2.0', '2'])(
    'rejects version %s as above 1.3 (F06 d)',
    (version) => {
      expectProblem(
        card({ version }),
        new RegExp(`version ${version.replace('.', '\\.')} is above 1\\.3`),
      );
    },
  );

  it.each(['1.0', '1.2', '1.3', '1.3.0'])('accepts version %s', (version) => {
    expect(lintCard(card({ version }))).toEqual([]);
  });

  it.each([1.3, 'one', '1.x', ''])('rejects the malformed version %j', (version) => {
    expectProblem(card({ version }), /is not a string like "1\.3"/);
  });

  it('compares versions numerically, part by part', () => {
    expect(compareVersions('1.10', '1.3')).toBe(1);
    expect(compareVersions('1.3', '1.3.0')).toBe(0);
    expect(compareVersions('1.2', '1.3')).toBe(-1);
  });

  it('rejects an Action.Execute at the top level or nested (F06 d)', () => {
    expectProblem(card({ actions: [{ type: 'Action.Execute', title: 'Go' }] }), /Action\.Execute/);
    const nested = card({
      body: [
        {
          type: 'Container',
          items: [{ type: 'ActionSet', actions: [{ type: 'Action.Execute' }] }],
        },
      ],
    });
    expectProblem(nested, /card\.body\[0\]\.items\[0\]\.actions\[0\] is an Action\.Execute/);
  });

  it('rejects six actions spread over the card, its ActionSets and a ShowCard (F06 e)', () => {
    const six = card({
      body: [{ type: 'ActionSet', actions: [submit('a'), submit('b')] }],
      actions: [
        submit('c'),
        submit('d'),
        { type: 'Action.ShowCard', title: 'More', card: card({ actions: [submit('e')] }) },
      ],
    });
    expectProblem(six, /has 6 actions; Webex allows at most 5/);
    expect(lintCard(card({ actions: ['a', 'b', 'c', 'd', 'e'].map((t) => submit(t)) }))).toEqual(
      [],
    );
  });

  it('counts a selectAction as an action too', () => {
    const tappable = {
      type: 'Container',
      items: [],
      selectAction: { type: 'Action.OpenUrl', url: 'https://x' },
    };
    const actions = ['a', 'b', 'c', 'd', 'e'].map((t) => submit(t));
    expectProblem(card({ body: [tappable], actions }), /has 6 actions/);
  });

  it.each(['refresh', 'authentication'])('rejects a card with a %s property', (key) => {
    expectProblem(card({ [key]: {} }), new RegExp(`^card has a "${key}" property`));
    const shown = { type: 'Action.ShowCard', title: 'More', card: card({ [key]: {} }) };
    expectProblem(card({ actions: [shown] }), new RegExp(`actions\\[0\\]\\.card has a "${key}"`));
  });

  it.each(['Media', 'Table', 'Input.Rating', 'Action.Popover', 'Carousel'])(
    'rejects the element type %s, which Webex does not render',
    (type) => {
      const deep = card({
        body: [{ type: 'ColumnSet', columns: [{ type: 'Column', items: [{ type, id: 'x' }] }] }],
      });
      expectProblem(
        deep,
        new RegExp(`body\\[0\\]\\.columns\\[0\\]\\.items\\[0\\] has type "${type}"`),
      );
    },
  );

  it('accepts every element type Webex renders', () => {
    const body = [
      { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'x' }, 'plain'] },
      { type: 'ImageSet', images: [{ type: 'Image', url: 'https://x/a.png' }] },
      { type: 'FactSet', facts: [{ title: 'a', value: 'b' }] },
      { type: 'Container', backgroundImage: { url: 'https://x/b.png' }, items: [] },
      { type: 'Input.Number', id: 'n' },
      { type: 'Input.Date', id: 'd' },
      { type: 'Input.Time', id: 't' },
      { type: 'Input.Toggle', id: 'g', title: 'On' },
      { type: 'Input.ChoiceSet', id: 'c', choices: [{ title: 'A', value: 'a' }] },
      { type: 'ActionSet', actions: [{ type: 'Action.ToggleVisibility', targetElements: ['n'] }] },
    ];
    const actions = [{ type: 'Action.OpenUrl', url: 'https://x' }, submit('s')];
    expect(lintCard(card({ body, actions }))).toEqual([]);
  });

  it('does not treat the contents of a submit data object as card elements', () => {
    const data = { action: 'x', payload: { type: 'Media', refresh: true } };
    expect(lintCard(card({ actions: [submit('s', data)] }))).toEqual([]);
  });

  it('rejects an input id that is also a key of a submit data object (F05 iv)', () => {
    const review = card({
      body: [
        { type: 'Input.Text', id: 'comment' },
        { type: 'Input.ChoiceSet', id: 'requestId', choices: [] },
      ],
      actions: [submit('Send', { action: 'review_submit', requestId: 'REQ_123' })],
    });
    expectProblem(review, /input id "requestId" is also a key of an Action\.Submit data object/);
  });

  it('rejects duplicate input ids and inputs without an id', () => {
    const twice = card({
      body: [
        { type: 'Input.Text', id: 'a' },
        { type: 'Input.Toggle', id: 'a' },
      ],
    });
    expectProblem(twice, /input id "a" is used by 2 inputs/);
    expectProblem(card({ body: [{ type: 'Input.Text' }] }), /Input\.Text without an id/);
  });

  it('rejects "[object Object]" anywhere in template output, including submit data', () => {
    const bound = card({ body: [{ type: 'TextBlock', text: '[object Object],[object Object]' }] });
    expect(lintCard(bound, { templateOutput: true })).toEqual([
      expect.stringMatching(/\[object Object\]/),
    ]);
    const data = card({ actions: [submit('s', { pollId: '[object Object]' })] });
    expect(lintCard(data, { templateOutput: true })).toEqual([
      expect.stringMatching(/data\.pollId/),
    ]);
  });

  it('lets people type "[object Object]" on a card that is not template output', () => {
    expect(
      lintCard(card({ body: [{ type: 'TextBlock', text: 'What is [object Object]?' }] })),
    ).toEqual([]);
  });

  it('reports "${" only in template output, because people may type it', () => {
    const typed = card({ body: [{ type: 'TextBlock', text: 'Cost ${price}?' }] });
    expect(lintCard(typed)).toEqual([]);
    expect(lintCard(typed, { templateOutput: true })).toEqual([
      expect.stringMatching(/body\[0\]\.text contains an unbound template expression/),
    ]);
  });
});
