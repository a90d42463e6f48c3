import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/sandbox/markdown.js';

const ada = { id: 'ADA', displayName: 'Ada Lovelace' };
const resolve = (kind: 'personId' | 'personEmail', value: string) =>
  (kind === 'personId' && value === 'ADA') || value === 'ada@example.com' ? ada : undefined;

describe('renderMarkdown', () => {
  it('renders bold, italics, code and links, and derives plain text', () => {
    const out = renderMarkdown(
      '**Poll** _now_: `/poll` [docs](https://example.com/a?b=1&c=2)',
      resolve,
    );
    expect(out.html).toBe(
      '<p><strong>Poll</strong> <em>now</em>: <code>/poll</code> <a href="https://example.com/a?b=1&amp;c=2" rel="nofollow">docs</a></p>',
    );
    expect(out.text).toBe('Poll now: /poll docs');
  });

  it('escapes HTML and keeps text people typed intact', () => {
    const out = renderMarkdown('<img src=x onerror=alert(1)> snake_case_name a | b', resolve);
    expect(out.html).toBe('<p>&lt;img src=x onerror=alert(1)&gt; snake_case_name a | b</p>');
    expect(out.text).toBe('<img src=x onerror=alert(1)> snake_case_name a | b');
  });

  it('turns mentions into spark-mention tags and lists the people and groups mentioned', () => {
    const out = renderMarkdown(
      'Hi <@personId:ADA|Ada> and <@personEmail:ada@example.com> and <@all>',
      resolve,
    );
    expect(out.mentionedPeople).toEqual(['ADA']);
    expect(out.mentionedGroups).toEqual(['all']);
    expect(out.text).toBe('Hi Ada and Ada Lovelace and All');
    expect(out.html).toContain(
      '<spark-mention data-object-type="person" data-object-id="ADA">Ada</spark-mention>',
    );
  });
});
