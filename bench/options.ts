/**
 * What `npm run bench` measures and for how long. The full run follows the issue (32 connections
 * for 10 s, 10,000 events, 10,000 people, 1,000 jobs); `--quick` shrinks every part to a few
 * seconds so a smoke run from a clean clone finishes in about a minute.
 */

export const PARTS = ['receiver', 'pipeline', 'memory', 'storm'] as const;
export type Part = (typeof PARTS)[number];

export interface BenchOptions {
  quick: boolean;
  json: boolean;
  /** The parts to run; all unless `--only receiver,storm` names some. */
  parts: Set<Part>;
  receiver: {
    connections: number;
    durationSeconds: number;
    warmupSeconds: number;
    /** The fixed offered rate of the latency run, requests per second. */
    rate: number;
  };
  pipeline: {
    events: number;
    warmupEvents: number;
    /** Sandbox latency of each run, in ms. */
    latenciesMs: number[];
    workerProcesses: number[];
    /** Commands created at once; must outpace the pipeline so that the pipeline is what limits. */
    offeredConcurrency: number;
    /** A run that has not finished by then is cut off and reported as such. */
    timeLimitSeconds: number;
  };
  /** Connected people written for the Redis-memory measurement. */
  people: number;
  /** Jobs queued at once for the refresh storm. */
  stormJobs: number;
  /** WORKER_CONCURRENCY of every worker process (Deputy's default). */
  workerConcurrency: number;
}

export function parseOptions(argv: readonly string[]): BenchOptions {
  const only = argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
  const eventsArg = argv.find((arg) => arg.startsWith('--events='))?.slice('--events='.length);
  const events = eventsArg === undefined ? undefined : Number(eventsArg);
  const parts = only ? only.split(',') : [...PARTS];
  const unknown = [
    ...argv.filter(
      (arg) =>
        arg !== '--quick' &&
        arg !== '--json' &&
        !arg.startsWith('--only=') &&
        !arg.startsWith('--events='),
    ),
    ...(events !== undefined && !(Number.isInteger(events) && events >= 100)
      ? [`--events=${eventsArg} (a whole number, at least 100)`]
      : []),
    ...parts
      .filter((part) => !(PARTS as readonly string[]).includes(part))
      .map((part) => `--only=${part} (no such part)`),
  ];
  if (unknown.length > 0) {
    process.stderr.write(
      `usage: npm run bench -- [--quick] [--json] [--only=${PARTS.join(',')}] [--events=N]; got ${unknown.join(' ')}\n`,
    );
    process.exit(2);
  }
  const quick = argv.includes('--quick');
  return {
    quick,
    json: argv.includes('--json'),
    parts: new Set(parts as Part[]),
    receiver: {
      connections: 32,
      durationSeconds: quick ? 2 : 10,
      warmupSeconds: quick ? 1 : 5,
      rate: 1000,
    },
    pipeline: {
      events: events ?? (quick ? 300 : 10_000),
      // A tenth of the burst, within 50 and 500, so a short --events run is not mostly warm-up.
      warmupEvents: Math.min(quick ? 50 : 500, Math.max(50, Math.round((events ?? 10_000) / 10))),
      latenciesMs: [0, 50],
      workerProcesses: [1, 2],
      offeredConcurrency: 64,
      timeLimitSeconds: quick ? 30 : 120,
    },
    people: quick ? 1000 : 10_000,
    stormJobs: quick ? 100 : 1000,
    workerConcurrency: 16,
  };
}
