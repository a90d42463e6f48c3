/**
 * The lint API in one import: card and message checks, the byte-budget helper they rely on, and the
 * error callers throw when a check fails.
 */
import { CardError } from './errors.js';

export {
  compareVersions,
  lintCard,
  MAX_CARD_ACTIONS,
  MAX_CARD_VERSION,
  type LintCardOptions,
} from './card-lint.js';
export {
  CARD_CONTENT_TYPE,
  lintMessage,
  MAX_MESSAGE_TEXT_BYTES,
  type MessageBody,
} from './message-lint.js';
export { truncateUtf8, utf8Bytes } from './utf8.js';

/** Thrown when lintCard or lintMessage found problems; `problems` has one sentence each. */
export class CardLintError extends CardError {
  override readonly name = 'CardLintError';

  constructor(problems: readonly string[], message = 'the card or message breaks Webex rules') {
    super('card_lint_failed', message, problems);
  }
}
