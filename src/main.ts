/**
 * The command line: `tsx src/main.ts all|web|worker`. Reads `.env` when present, refuses a bad
 * configuration with one line per problem, and shuts down cleanly on SIGTERM or SIGINT.
 */
import { existsSync } from 'node:fs';
import { apps } from './apps/index.js';
import { ConfigError, loadConfig } from './config/config.js';
import { startDeputy, type DeputyRoles } from './deputy.js';
import { createLogger } from './log/logger.js';

const ROLES: Record<string, DeputyRoles> = {
  all: { web: true, worker: true },
  web: { web: true, worker: false },
  worker: { web: false, worker: true },
};
const SHUTDOWN_GRACE_MS = 25_000;

async function main(): Promise<void> {
  const mode = process.argv[2] ?? 'all';
  const roles = ROLES[mode];
  if (!roles) {
    process.stderr.write(`usage: main.ts all|web|worker (got "${mode}")\n`);
    process.exit(2);
  }
  if (existsSync('.env')) process.loadEnvFile('.env');

  let config;
  try {
    config = loadConfig(process.env, { generateSandboxSecrets: mode === 'all' });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write('Deputy cannot start; fix these settings (see .env.example):\n');
    for (const problem of error.problems) process.stderr.write(`  ${problem}\n`);
    process.exit(1);
  }

  const logger = createLogger({ level: config.logLevel });
  const deputy = await startDeputy({ config, roles, logger, apps });
  logger.info({ mode, url: deputy.url, sandbox: config.sandbox }, 'deputy started');
  if (roles.web) {
    const lines = [
      '',
      `  Deputy is running: open ${config.publicBaseUrl} in your browser.`,
      config.sandbox
        ? `  No WEBEX_CLIENT_ID is set, so the sandbox stands in for Webex: ${config.publicBaseUrl}/sandbox`
        : `  Webex: ${config.webex.apiBaseUrl}`,
      '',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting with running jobs left to stall recovery');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    deputy.close().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: Error) => {
        logger.error({ reason: error.message }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

process.on('unhandledRejection', (reason) => {
  // Logged, never fatal: one bad job must not take the worker down.
  process.stderr.write(
    `unhandled rejection: ${reason instanceof Error ? reason.message : String(reason)}\n`,
  );
});

await main();
