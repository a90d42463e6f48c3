/** What both halves of a Deputy process share: configuration, logging, metrics and the Webex client. */
import type { Redis } from 'ioredis';
import type { Config } from './config/config.js';
import type { Logger } from './log/logger.js';
import type { Metrics } from './metrics/metrics.js';
import type { Keys } from './redis/keys.js';
import { PersonStore } from './people/person-store.js';
import type { TokenCipher } from './tokens/crypto.js';
import { PersonTokens } from './tokens/person-tokens.js';
import type { WebexClient } from './webex/client.js';

export interface Shared {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  keys: Keys;
  cipher: TokenCipher;
  client: WebexClient;
}

/** The people store and the token keeper over one Redis connection of a half. */
export function peopleOn(
  shared: Shared,
  redis: Redis,
): { people: PersonStore; tokens: PersonTokens } {
  const { keys, cipher, client, logger, metrics } = shared;
  const people = new PersonStore(redis, keys, cipher);
  const tokens = new PersonTokens({
    store: people,
    client,
    redis,
    keys,
    logger: logger.child({ component: 'tokens' }),
    metrics,
  });
  return { people, tokens };
}
