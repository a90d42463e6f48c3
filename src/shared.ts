/** What both halves of a Deputy process share: configuration, logging, metrics and the Webex client. */
import type { Config } from './config/config.js';
import type { Logger } from './log/logger.js';
import type { Metrics } from './metrics/metrics.js';
import type { Keys } from './redis/keys.js';
import type { TokenCipher } from './tokens/crypto.js';
import type { WebexClient } from './webex/client.js';

export interface Shared {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  keys: Keys;
  cipher: TokenCipher;
  client: WebexClient;
}
