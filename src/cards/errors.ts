/**
 * The one error type the cards module throws. Every failure here is a programming or data error that
 * no retry can fix, so callers (the send-card job) treat a CardError as a permanent job failure.
 */

export type CardErrorCode =
  /** The data given for a template does not match its schema. */
  | 'card_data_invalid'
  /** A template is missing, is not a JSON object, or could not be expanded. */
  | 'card_template_invalid'
  /** A card or message breaks a Webex rule (see lint.ts). */
  | 'card_lint_failed';

export class CardError extends Error {
  override readonly name: string = 'CardError';

  constructor(
    readonly code: CardErrorCode,
    message: string,
    /** One specific sentence per problem found, for logs and test assertions. */
    readonly problems: readonly string[] = [],
  ) {
    super(problems.length > 0 ? `${message}: ${problems.join('; ')}` : message);
  }
}
