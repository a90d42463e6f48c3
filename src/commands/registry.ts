/** Finds the command a message asks for and the handler a card submission names. */
import type { CardAction, Command, DeputyApp } from './types.js';

export interface ParsedCommand {
  name: string;
  args: string;
}

/** `/Poll  Lunch? | A` → `{name: 'poll', args: 'Lunch? | A'}`; text that is not a command → undefined. */
export function parseCommand(text: string | undefined): ParsedCommand | undefined {
  const match = /^\s*\/([A-Za-z][\w-]{0,31})(?:\s+([\s\S]*))?$/.exec(text ?? '');
  if (!match?.[1]) return undefined;
  return { name: match[1].toLowerCase(), args: (match[2] ?? '').trim() };
}

export class Registry {
  private readonly commands = new Map<string, Command>();
  private readonly actions = new Map<string, CardAction>();

  constructor(apps: DeputyApp[]) {
    for (const app of apps) {
      for (const command of app.commands) {
        if (this.commands.has(command.name))
          throw new Error(`command /${command.name} is defined twice`);
        this.commands.set(command.name, command);
      }
      for (const action of app.actions) {
        if (this.actions.has(action.action))
          throw new Error(`card action ${action.action} is defined twice`);
        this.actions.set(action.action, action);
      }
    }
  }

  command(name: string): Command | undefined {
    return this.commands.get(name);
  }

  action(name: string): CardAction | undefined {
    return this.actions.get(name);
  }

  listCommands(): Command[] {
    return [...this.commands.values()];
  }
}
