/**
 * `npm run bench [-- --quick] [--json] [--only=receiver,pipeline,memory,storm]`: starts Deputy
 * (web process with the sandbox as Webex, worker processes), connects the sample people through
 * the OAuth flow, and runs the four parts of issue 6. Prints a table, or with --json one JSON
 * object with the same figures. Whatever happens, it stops every process it started and removes
 * its keys from Redis.
 */
import type { ChildProcess } from 'node:child_process';
import type { Redis } from 'ioredis';
import { killAll } from './children.js';
import { describeMachine, loadNow } from './machine.js';
import { parseOptions } from './options.js';
import { pipelinePart, receiverPart, stormPart } from './parts.js';
import { measurePeopleMemory } from './people-memory.js';
import { benchRedis, ensureRedis, removePrefix } from './redis.js';
import { renderTable } from './report.js';
import { judgeTargets, type BenchResults } from './targets.js';
import { startStack, type Stack } from './stack.js';
import { progress } from './util.js';

const options = parseOptions(process.argv.slice(2));
const startedAt = Date.now();
let redisServer: ChildProcess | undefined;
let redis: Redis | undefined;
let stack: Stack | undefined;

const MiB = (bytes: number | undefined) =>
  bytes === undefined ? undefined : Math.round((bytes / 2 ** 20) * 10) / 10;

/** Each part's peak RSS: read at its end, reset before the next part starts. */
function recordPeaks(s: Stack, rss: BenchResults['rssMiB'], part: string): void {
  const web = MiB(s.web.peakRss());
  if (web !== undefined) rss.web[part] = web;
  const workers = s.workers.map((w) => MiB(w.peakRss()) ?? 0);
  if (workers.length > 0) rss.worker[part] = Math.max(...workers);
  for (const child of s.children()) child.resetPeak();
}

async function main(): Promise<BenchResults> {
  redisServer = await ensureRedis();
  redis = benchRedis();
  const machine = await describeMachine(redis);
  const notes: string[] = [];
  if (machine.loadBefore > machine.cores) {
    // The machine's own services keep a little load; more than a core's worth is other work.
    notes.push(
      `load average ${machine.loadBefore} on ${machine.cores} cores before the run: other work ` +
        'shared the machine, so the figures are likely low; run again when it is quiet',
    );
  }
  const rssMiB: BenchResults['rssMiB'] = { web: {}, worker: {} };
  const parts = options.parts;
  const s = (stack = await startStack(redis, options.workerConcurrency));
  s.web.resetPeak();

  const receiver = parts.has('receiver') ? await receiverPart(s, options) : undefined;
  if (receiver) recordPeaks(s, rssMiB, 'part 1');
  const pipeline = parts.has('pipeline') ? await pipelinePart(s, options, notes) : [];
  if (pipeline.length > 0) recordPeaks(s, rssMiB, 'part 2');
  let people;
  if (parts.has('memory')) {
    progress(`memory: writing ${options.people} connected people under a prefix of their own`);
    people = await measurePeopleMemory(redis, `${s.prefix}-people`, options.people);
  }
  for (const child of s.children()) child.resetPeak();
  const storm = parts.has('storm') ? await stormPart(s, options, notes) : undefined;
  if (storm) recordPeaks(s, rssMiB, 'part 4');
  machine.loadAfter = loadNow();
  const seconds = (Date.now() - startedAt) / 1000;
  const partial = { quick: options.quick, machine, receiver, pipeline, rssMiB, people, storm };
  const all = { ...partial, notes, seconds };
  return { ...all, targets: judgeTargets(all) };
}

/** Stops the children politely, then removes every key of the run. */
async function cleanUp(): Promise<void> {
  await stack?.close().catch(() => undefined);
  killAll();
  if (redis && stack) {
    const removed =
      (await removePrefix(redis, stack.prefix)) +
      (await removePrefix(redis, `${stack.prefix}-people`));
    progress(`removed ${removed} Redis keys under ${stack.prefix}`);
  }
  redis?.disconnect();
  redisServer?.kill('SIGTERM');
}

process.on('exit', () => {
  killAll();
  redisServer?.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    progress(`${signal}: stopping`);
    void cleanUp().finally(() => process.exit(130));
  });
}

try {
  const results = await main();
  const text = options.json ? JSON.stringify(results, null, 2) : renderTable(results);
  process.stdout.write(`${text}\n`);
  await cleanUp();
} catch (error) {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`bench failed: ${message}\n`);
  await cleanUp();
  process.exitCode = 1;
}
