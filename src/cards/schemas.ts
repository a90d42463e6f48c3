/**
 * The data contract of each template in cards/, one zod schema per card. Arrays are required where a
 * template repeats with `$data`: a single object would silently repeat once (F14), so it is refused.
 */
import { z } from 'zod';

const text = z.string().min(1);

export const helpCardData = z.object({
  commands: z.array(z.object({ usage: text, description: text })).min(1),
});

export const pollCardData = z.object({
  pollId: text,
  question: text,
  authorName: text,
  options: z
    .array(
      z.object({
        value: z.string().regex(/^[0-9]$/, 'must be one digit, "0" to "9"'),
        label: text,
      }),
    )
    .min(2)
    .max(10)
    .refine((options) => new Set(options.map((o) => o.value)).size === options.length, {
      message: 'option values must be unique',
    }),
});

// Both fields prefill the form when a submitted one was refused; absent means empty, because an
// unbound `${question}` would otherwise show up literally in the input box.
export const pollFormCardData = z.object({
  question: z.string().default(''),
  options: z.string().default(''),
});

export const pollResultsCardData = z.object({
  question: text,
  closed: z.boolean(),
  voters: z.int().nonnegative(),
  options: z
    .array(z.object({ label: text, count: z.int().nonnegative(), share: text }))
    .min(1)
    .max(10),
});

export const noticeCardData = z.object({
  title: text,
  text: text,
  usage: text.optional(),
});

export const cardSchemas = {
  help: helpCardData,
  poll: pollCardData,
  'poll-form': pollFormCardData,
  'poll-results': pollResultsCardData,
  notice: noticeCardData,
} as const;

export type CardName = keyof typeof cardSchemas;
export const CARD_NAMES = Object.keys(cardSchemas) as CardName[];

/** What callers pass to renderCard, per template (before defaults are applied). */
export type CardData = { [N in CardName]: z.input<(typeof cardSchemas)[N]> };
export type HelpCardData = CardData['help'];
export type PollCardData = CardData['poll'];
export type PollFormCardData = CardData['poll-form'];
export type PollResultsCardData = CardData['poll-results'];
export type NoticeCardData = CardData['notice'];
