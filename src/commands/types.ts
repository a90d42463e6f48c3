/**
 * The extension API: a command answers a message that starts with `/name`; a card action
 * answers a submitted card whose submit data carries `action: "<name>"`. Both act as the
 * connected person, and reply through the context, never by calling Webex themselves.
 */
import type { Logger } from '../log/logger.js';
import type { ConnectedPerson } from '../people/person-store.js';
import type { AttachmentAction, Message } from '../webex/types.js';

/** What a handler sends back: an Adaptive Card and the markdown shown where cards are not. */
export interface Reply {
  card?: Record<string, unknown>;
  markdown: string;
}

export interface ReplyOptions {
  /** Reply in this thread (a top-level message id) instead of the default one. */
  parentId?: string;
}

interface HandlerContext {
  /** The connected person Deputy acts for. */
  person: ConnectedPerson;
  /**
   * Names the event being handled, the same each time a retry runs it again: derive ids from
   * it (as the polls do) so a re-run reuses them instead of making new ones.
   */
  eventKey: string;
  /** Posts a reply in the room the event came from; returns the new message's id. */
  reply(reply: Reply, options?: ReplyOptions): Promise<string>;
  log: Logger;
}

export interface CommandContext extends HandlerContext {
  message: Message;
  /** The text after the command word, trimmed. */
  args: string;
}

export interface CardActionContext extends HandlerContext {
  action: AttachmentAction;
  /**
   * The submitted inputs as strings: the button's data merged with the card's input values,
   * without the `action` key that chose this handler. An input left empty is absent, whether
   * the client sent "" or nothing.
   */
  inputs: Record<string, string>;
}

export interface Command {
  /** The word after the slash, lowercase: `poll` answers `/poll ...`. */
  name: string;
  /** How to type it, shown by /help, e.g. `/poll Question? | Option A | Option B`. */
  usage: string;
  description: string;
  run(context: CommandContext): Promise<void>;
}

export interface CardAction {
  /** The value of `inputs.action` this handler answers, e.g. `poll.vote`. */
  action: string;
  run(context: CardActionContext): Promise<void>;
}

/** A set of commands and card actions, such as the built-in polls and help. */
export interface DeputyApp {
  commands: Command[];
  actions: CardAction[];
}
