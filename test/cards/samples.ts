/** Sample data for every card in cards/, shared by the card tests. Not a test file itself. */
import type { CardData, CardName } from '../../src/cards/render.js';

/** What a person might type: quotes, backslashes, template syntax, markdown, emoji, newlines. */
export const HOSTILE_TEXT =
  'Lunch "today"? It\'s C:\\temp\\ ${name} ${$root.pollId} ${1+1} {{x}} `tick` $& $1 ' +
  '**bold** _it_ [link](http://x) <b>#tag</b> 😀👨‍👩‍👧 é\nsecond line\\';

export const SAMPLES: { [N in CardName]: CardData[N] } = {
  help: {
    commands: [
      { usage: '/help', description: 'Show the commands Deputy answers.' },
      { usage: '/poll Question? | Option A | Option B', description: 'Start a poll.' },
    ],
  },
  poll: {
    pollId: 'POLL_1',
    question: 'Where do we meet?',
    authorName: 'Ada Lovelace',
    options: [
      { value: '0', label: 'Office' },
      { value: '1', label: 'Online' },
    ],
  },
  'poll-form': {},
  'poll-results': {
    question: 'Where do we meet?',
    closed: false,
    voters: 2,
    options: [
      { label: 'Office', count: 1, share: '50%' },
      { label: 'Online', count: 1, share: '50%' },
    ],
  },
  notice: { title: 'That poll could not be started', text: 'A poll needs 2 to 10 options.' },
};
