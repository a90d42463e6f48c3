/** `/help`: a card listing every command, including those added by other apps. */
import { escapeMarkdown } from '../cards/markdown.js';
import { renderCard } from '../cards/render.js';
import type { Command, DeputyApp } from './types.js';

export function createHelpApp(listCommands: () => Command[]): DeputyApp {
  return {
    commands: [
      {
        name: 'help',
        usage: '/help',
        description: 'Show the commands Deputy answers.',
        async run(context) {
          const commands = listCommands().map(({ usage, description }) => ({ usage, description }));
          await context.reply({
            card: renderCard('help', { commands }),
            markdown: [
              '**Deputy commands**',
              ...commands.map((c) => `- \`${c.usage}\`: ${escapeMarkdown(c.description)}`),
            ].join('\n'),
          });
        },
      },
    ],
    actions: [],
  };
}
