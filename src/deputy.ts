/**
 * Assembles a Deputy process from its configuration: the web half, the worker half, or both in
 * one process (`npm start`).
 */
import type { Config } from './config/config.js';
import type { DeputyApp } from './commands/types.js';
import { createLogger, type Logger } from './log/logger.js';
import { createMetrics, type Metrics } from './metrics/metrics.js';
import { Keys } from './redis/keys.js';
import type { Sandbox } from './sandbox/sandbox.js';
import type { Shared } from './shared.js';
import { TokenCipher } from './tokens/crypto.js';
import { WebexClient } from './webex/client.js';

export interface DeputyRoles {
  web: boolean;
  worker: boolean;
}

export interface StartOptions {
  config: Config;
  roles: DeputyRoles;
  logger?: Logger;
  /** Apps added to the built-in polls and help. */
  apps?: DeputyApp[];
}

export interface RunningDeputy {
  config: Config;
  /** Where the web half listens, e.g. http://127.0.0.1:3000; undefined for a worker alone. */
  url: string | undefined;
  sandbox: Sandbox | undefined;
  metrics: Metrics;
  logger: Logger;
  /** Stops accepting, lets running jobs finish, then closes every connection. */
  close(): Promise<void>;
}

export async function startDeputy(options: StartOptions): Promise<RunningDeputy> {
  const { config, roles } = options;
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const metrics = createMetrics({ defaultMetrics: true });
  const keys = [config.tokenEncryptionKey, config.previousTokenEncryptionKey].filter(
    (key): key is Buffer => key !== undefined,
  );
  const shared: Shared = {
    config,
    logger,
    metrics,
    keys: new Keys(config.keyPrefix),
    cipher: new TokenCipher(keys),
    client: new WebexClient({
      apiBaseUrl: config.webex.apiBaseUrl,
      clientId: config.webex.clientId,
      clientSecret: config.webex.clientSecret,
      logger: logger.child({ component: 'webex' }),
      metrics,
    }),
  };
  // Each half is loaded only by a process that runs it: a worker never loads Koa, the sandbox
  // or the dashboard, a web process never loads the card templating, and what a process loads
  // stays in its memory for good.
  const web = roles.web ? await (await import('./web/start-web.js')).startWeb(shared) : undefined;
  const worker = roles.worker
    ? await (await import('./worker/start-worker.js')).startWorker(shared, options.apps ?? [])
    : undefined;

  return {
    config,
    url: web?.url,
    sandbox: web?.sandbox,
    metrics,
    logger,
    async close() {
      // No new deliveries and no new jobs, both at once; the running jobs finish (they may
      // still need the sandbox); then everything closes.
      await Promise.all([web?.stopAccepting(), worker?.close()]);
      await web?.close();
      await shared.client.close();
    },
  };
}
