import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CardError } from '../../src/cards/errors.js';
import { expandTemplate, type TemplateObject } from '../../src/cards/expand.js';
import { CardLintError } from '../../src/cards/lint.js';

// The F14 test template, with the fixes the case asks for: an explicit join and a "No items" row.
const listTemplate: TemplateObject = Object.freeze({
  type: 'AdaptiveCard',
  version: '1.3',
  body: [
    { type: 'Container', $data: '${items}', items: [{ type: 'TextBlock', text: '- ${label}' }] },
    { type: 'TextBlock', $when: '${count(items) == 0}', text: 'No items' },
    { type: 'TextBlock', text: "Names: ${join(names, ', ')}" },
  ],
});
const listData = z.object({
  items: z.array(z.object({ label: z.string() })),
  names: z.array(z.string()),
});
const card = (body: unknown[], actions?: unknown[]) => ({
  type: 'AdaptiveCard',
  version: '1.3',
  body,
  ...(actions ? { actions } : {}),
});

describe('expandTemplate (F14)', () => {
  it('repeats a Container per array item and joins names explicitly', () => {
    const out = expandTemplate(listTemplate, listData, {
      items: [{ label: 'a' }, { label: 'b' }],
      names: ['x', 'y'],
    });
    expect(out.body).toEqual([
      { type: 'Container', items: [{ type: 'TextBlock', text: '- a' }] },
      { type: 'Container', items: [{ type: 'TextBlock', text: '- b' }] },
      { type: 'TextBlock', text: 'Names: x, y' },
    ]);
  });

  it('shows the "No items" element instead of an empty card when the arrays are empty', () => {
    const out = expandTemplate(listTemplate, listData, { items: [], names: [] });
    expect(out.body).toEqual([
      { type: 'TextBlock', text: 'No items' },
      { type: 'TextBlock', text: 'Names: ' },
    ]);
  });

  it('refuses a single object where the schema requires an array', () => {
    const expand = () =>
      expandTemplate(listTemplate, listData, { items: { label: 'solo' }, names: 'x' } as never);
    expect(expand).toThrow(CardError);
    try {
      expand();
    } catch (error) {
      expect((error as CardError).code).toBe('card_data_invalid');
      expect((error as CardError).problems.join(' ')).toMatch(/items.*names|names.*items/);
    }
  });

  it('refuses a template given as a JSON string, which the library would turn into "[object Object]"', () => {
    const expand = () =>
      expandTemplate(JSON.stringify(listTemplate) as never, listData, { items: [], names: [] });
    expect(expand).toThrow(expect.objectContaining({ code: 'card_template_invalid' }));
  });

  it('gives independent results for parallel expansions and leaves the template unchanged', async () => {
    const before = structuredClone(listTemplate);
    const [a, b] = await Promise.all([
      Promise.resolve().then(() =>
        expandTemplate(listTemplate, listData, { items: [{ label: 'a' }], names: ['x'] }),
      ),
      Promise.resolve().then(() =>
        expandTemplate(listTemplate, listData, { items: [], names: ['y', 'z'] }),
      ),
    ]);
    expect(a.body).toHaveLength(2);
    expect(b.body).toEqual([
      { type: 'TextBlock', text: 'No items' },
      { type: 'TextBlock', text: 'Names: y, z' },
    ]);
    expect(listTemplate).toEqual(before);
  });

  it('passes data text containing template syntax through verbatim, also inside join()', () => {
    const out = expandTemplate(listTemplate, listData, {
      items: [{ label: '${$root.names}' }],
      names: ['${label}', '$&', '[object Object]'],
    });
    expect(out.body).toEqual([
      { type: 'Container', items: [{ type: 'TextBlock', text: '- ${$root.names}' }] },
      { type: 'TextBlock', text: 'Names: ${label}, $&, [object Object]' },
    ]);
  });

  it('rejects a template whose own expression stays unbound', () => {
    const template = card([{ type: 'TextBlock', text: 'Hello ${missing}' }]);
    expect(() => expandTemplate(template, z.object({}), {})).toThrow(CardLintError);
  });

  it('rejects a template that binds an object where text belongs', () => {
    const template = card([{ type: 'TextBlock', text: 'Item: ${item}' }]);
    const expand = () =>
      expandTemplate(template, z.object({ item: z.object({ a: z.string() }) }), {
        item: { a: 'x' },
      });
    expect(expand).toThrow(/\[object Object\]/);
  });

  it('rejects a template that cuts data text instead of placing it whole', () => {
    const template = card([{ type: 'TextBlock', text: '${substring(name, 0, 2)}' }]);
    const expand = () => expandTemplate(template, z.object({ name: z.string() }), { name: 'Ada' });
    expect(expand).toThrow(/cut or altered data string/);
  });

  it('rejects a template whose input id equals a key of its submit data (F05 iv)', () => {
    const template = card(
      [{ type: 'Input.Text', id: 'action', label: 'Action' }],
      [
        {
          type: 'Action.Submit',
          title: 'Go',
          data: { action: 'review_submit', requestId: '${id}' },
        },
      ],
    );
    const expand = () => expandTemplate(template, z.object({ id: z.string() }), { id: 'REQ_123' });
    expect(expand).toThrow(CardLintError);
    expect(expand).toThrow(/input id "action" is also a key of an Action.Submit data object/);
  });
});
