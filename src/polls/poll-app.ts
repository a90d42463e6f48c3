/**
 * The built-in polls: `/poll` (a form), `/poll Question? | A | B` (a poll card), and the card
 * actions Vote, Results and Close. Submissions are untrusted: anyone in a space can post an
 * attachment action with any inputs, so each one is checked against the stored poll.
 */
import { createHash } from 'node:crypto';
import { escapeMarkdown } from '../cards/markdown.js';
import { renderCard } from '../cards/render.js';
import type { CardActionContext, CommandContext, DeputyApp, Reply } from '../commands/types.js';
import { parsePollCommand, parsePollForm, type PollDraft } from './parse-poll.js';
import type { Poll, PollStore } from './poll-store.js';

export const POLL_USAGE = '/poll Question? | Option A | Option B';

export function createPollApp(store: PollStore): DeputyApp {
  async function postPoll(
    context: CommandContext | CardActionContext,
    draft: PollDraft,
    roomId: string,
    parentId: string | undefined,
  ) {
    // A form card can be submitted by anyone in the space; whoever submits it owns the poll.
    const authorId = 'message' in context ? context.person.id : context.action.personId;
    const poll: Poll = {
      // The same event makes the same poll: a retry after a failed post reuses the record.
      id: createHash('sha256').update(context.eventKey).digest('base64url').slice(0, 16),
      question: draft.question,
      options: draft.options,
      authorId,
      authorName: authorId === context.person.id ? context.person.displayName : '',
      roomId,
      messageId: '',
      threadId: '',
      status: 'open',
    };
    await store.create(poll);
    const messageId = await context.reply(pollReply(poll), parentId ? { parentId } : {});
    await store.setMessage(poll.id, messageId, parentId ?? messageId);
    context.log.info({ pollId: poll.id, options: poll.options.length }, 'poll posted');
  }

  /** The poll a submission names, if the submission really comes from that poll's card. */
  async function pollOf(context: CardActionContext): Promise<Poll | undefined> {
    const pollId = context.inputs.pollId;
    const poll = pollId ? await store.get(pollId) : undefined;
    if (!poll || poll.messageId !== context.action.messageId) {
      context.log.warn(
        { pollId, messageId: context.action.messageId, actorId: context.action.personId },
        'card submission ignored: no such poll on this card',
      );
      return undefined;
    }
    return poll;
  }

  async function postResults(context: CardActionContext, poll: Poll, closed: boolean) {
    const { counts, voters } = await store.tally(poll);
    await context.reply(resultsReply(poll, counts, voters, closed), { parentId: poll.threadId });
  }

  return {
    commands: [
      {
        name: 'poll',
        usage: POLL_USAGE,
        description: 'Ask a question with 2 to 10 options; /poll alone opens a form.',
        async run(context) {
          const { message } = context;
          if (context.args === '') {
            await context.reply({
              card: renderCard('poll-form', {}),
              markdown: 'Write a question and its options to start a poll.',
            });
            return;
          }
          const parsed = parsePollCommand(context.args);
          if (!parsed.ok) {
            await context.reply(usageReply(parsed.problem));
            return;
          }
          await postPoll(context, parsed.poll, message.roomId, message.parentId);
        },
      },
    ],
    actions: [
      {
        action: 'poll.create',
        async run(context) {
          const { inputs, action } = context;
          const parsed = parsePollForm(inputs.question, inputs.options);
          if (!parsed.ok) {
            await context.reply(usageReply(parsed.problem));
            return;
          }
          await postPoll(context, parsed.poll, action.roomId, undefined);
        },
      },
      {
        action: 'poll.vote',
        async run(context) {
          const poll = await pollOf(context);
          if (!poll) return;
          const choice = context.inputs.choice;
          if (choice === undefined) {
            await context.reply(
              notice('Choose an option', 'Pick one of the options, then press Vote.'),
              {
                parentId: poll.threadId,
              },
            );
            return;
          }
          const index = Number(choice);
          if (!/^\d+$/.test(choice) || index >= poll.options.length) {
            context.log.warn(
              { pollId: poll.id, actorId: context.action.personId },
              'vote ignored: not an option of the poll',
            );
            return;
          }
          const castAt = Date.parse(context.action.created ?? '') || Date.now();
          const outcome = await store.vote(poll.id, context.action.personId, index, castAt);
          context.log.info({ pollId: poll.id, outcome }, 'vote');
          if (outcome === 'closed') {
            await context.reply(notice('This poll is closed', 'Votes are no longer counted.'), {
              parentId: poll.threadId,
            });
          }
        },
      },
      {
        action: 'poll.results',
        async run(context) {
          const poll = await pollOf(context);
          if (poll) await postResults(context, poll, poll.status === 'closed');
        },
      },
      {
        action: 'poll.close',
        async run(context) {
          const poll = await pollOf(context);
          if (!poll) return;
          const outcome = await store.close(poll.id, context.action.personId);
          context.log.info({ pollId: poll.id, outcome, actorId: context.action.personId }, 'close');
          // Already closed: the author asked again, or a retry of the run that closed it, whose
          // post failed. Either way the final results are owed (once per job: see Replies).
          if (outcome === 'closed' || outcome === 'already_closed') {
            await postResults(context, poll, true);
          } else if (outcome === 'not_author') {
            await context.reply(
              notice(
                'Only the author can close this poll',
                'The person who started the poll can close it; everyone can vote and see results.',
              ),
              { parentId: poll.threadId },
            );
          }
        },
      },
    ],
  };
}

function pollReply(poll: Poll): Reply {
  const options = poll.options.map((label, index) => ({ value: String(index), label }));
  const lines = poll.options.map((label, index) => `${index + 1}. ${escapeMarkdown(label)}`);
  return {
    card: renderCard('poll', {
      pollId: poll.id,
      question: poll.question,
      authorName: poll.authorName || 'a member of this space',
      options,
    }),
    markdown: [`**Poll:** ${escapeMarkdown(poll.question)}`, ...lines, 'Vote on the card.'].join(
      '\n',
    ),
  };
}

function resultsReply(poll: Poll, counts: number[], voters: number, closed: boolean): Reply {
  const options = poll.options.map((label, index) => {
    const count = counts[index] ?? 0;
    return { label, count, share: `${voters === 0 ? 0 : Math.round((count / voters) * 100)}%` };
  });
  const title = closed ? 'Final results' : 'Results';
  const lines = options.map((o) => `- ${escapeMarkdown(o.label)}: ${o.count} (${o.share})`);
  return {
    card: renderCard('poll-results', { question: poll.question, closed, voters, options }),
    markdown: [
      `**${title}:** ${escapeMarkdown(poll.question)}`,
      ...lines,
      `${voters} ${voters === 1 ? 'voter' : 'voters'}`,
    ].join('\n'),
  };
}

function usageReply(problem: string): Reply {
  return {
    card: renderCard('notice', {
      title: 'That poll could not be started',
      text: problem,
      usage: POLL_USAGE,
    }),
    markdown: `${escapeMarkdown(problem)} Usage: \`${POLL_USAGE}\``,
  };
}

function notice(title: string, text: string): Reply {
  return { card: renderCard('notice', { title, text }), markdown: `**${title}.** ${text}` };
}
