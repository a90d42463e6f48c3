import { describe, expect, it } from 'vitest';
import { renderCard } from '../../src/sandbox/card-html.js';
import { collectInputs, listActions, listInputs } from '../../src/sandbox/card-model.js';

const card = {
  type: 'AdaptiveCard',
  version: '1.3',
  body: [
    { type: 'TextBlock', text: '<b>not bold</b>' },
    {
      type: 'ColumnSet',
      columns: [
        {
          type: 'Column',
          items: [
            { type: 'Input.Toggle', id: 'agree', title: 'I agree', valueOn: 'yes', valueOff: 'no' },
          ],
        },
      ],
    },
    {
      type: 'Container',
      isVisible: false,
      items: [{ type: 'Input.Text', id: 'hidden', value: 'kept' }],
    },
    { type: 'ActionSet', actions: [{ type: 'Action.Submit', title: 'Inline', data: { a: 1 } }] },
    {
      type: 'Input.ChoiceSet',
      id: 'colours',
      isMultiSelect: true,
      choices: [
        { title: 'Red', value: 'r' },
        { title: 'Blue', value: 'b' },
      ],
    },
  ],
  actions: [
    {
      type: 'Action.ShowCard',
      title: 'More',
      card: {
        type: 'AdaptiveCard',
        body: [{ type: 'Input.Number', id: 'count', label: 'Count' }],
        actions: [{ type: 'Action.Submit', title: 'Send more' }],
      },
    },
    { type: 'Action.OpenUrl', title: 'Docs', url: 'javascript:alert(1)' },
    { type: 'Action.Submit', title: 'Skip', associatedInputs: 'none' },
  ],
};

describe('card model', () => {
  it('finds inputs and actions in document order, nested ones included', () => {
    expect(listInputs(card).map((i) => i['id'])).toEqual(['agree', 'hidden', 'colours', 'count']);
    expect(listActions(card).map((a) => a['title'])).toEqual([
      'Inline',
      'More',
      'Send more',
      'Docs',
      'Skip',
    ]);
  });

  it('collects inputs as Webex sends them: strings, toggles as on/off values, multi-selects joined', () => {
    const form: Record<string, string[]> = {
      agree: ['yes'],
      hidden: ['kept'],
      colours: ['r', 'b'],
    };
    expect(collectInputs(card, (id) => form[id] ?? [])).toEqual({
      agree: 'yes',
      hidden: 'kept',
      colours: 'r,b',
      count: '',
    });
    expect(collectInputs(card, () => [])['agree']).toBe('no');
  });

  it('renders buttons whose values index listActions, escapes text and drops unsafe URLs', () => {
    const html = renderCard(card, { action: '/x', hidden: { as: 'P"1' }, idPrefix: 'c' }).value;
    expect(html).toContain('&lt;b&gt;not bold&lt;/b&gt;');
    expect(html).toContain('<input type="hidden" name="as" value="P&quot;1">');
    expect(html).toContain('<button type="submit" name="action" value="0">Inline</button>');
    expect(html).toContain('<button type="submit" name="action" value="2">Send more</button>');
    expect(html).toContain(
      '<button type="submit" name="action" value="4" formnovalidate>Skip</button>',
    );
    expect(html).not.toContain('javascript:');
    expect(html).toMatch(/<div hidden>.*name="input:hidden" value="kept"/s);
    expect(html).toMatch(/<select id="c-\d+" name="input:colours" aria-label="colours" multiple>/);
    expect(html).toMatch(/<label for="(c-\d+)">Count<\/label><input type="number" id="\1"/);
  });
});
