/**
 * The figures of a run as one object (what `--json` prints), and the targets judged
 * against them. A target whose part did not run is "not measured", never passed.
 */
import type { Machine } from './machine.js';
import type { PeopleMemory } from './people-memory.js';
import type { PipelineRun } from './pipeline.js';
import type { ReceiverResults } from './receiver.js';
import type { StormResult } from './storm.js';

export interface BenchResults {
  quick: boolean;
  machine: Machine;
  receiver: ReceiverResults | undefined;
  pipeline: PipelineRun[];
  /** Peak RSS in MiB, per part: the web process, and the largest of the worker processes. */
  rssMiB: { web: Record<string, number>; worker: Record<string, number> };
  people: PeopleMemory | undefined;
  storm: StormResult | undefined;
  targets: Target[];
  notes: string[];
  seconds: number;
}

export interface Target {
  target: string;
  value: string;
  /** null when the part it depends on did not run. */
  met: boolean | null;
}

export const fmt = (value: number | undefined, unit = '') =>
  value === undefined ? '—' : `${value.toLocaleString('en-US')}${unit}`;

const percent = (ratio: number | undefined) =>
  ratio === undefined ? '—' : `${Math.round(ratio * 100)} %`;

function peak(record: Record<string, number>): number | undefined {
  const values = Object.values(record);
  return values.length > 0 ? Math.max(...values) : undefined;
}

export function judgeTargets(r: Omit<BenchResults, 'targets'>): Target[] {
  const targets: Target[] = [];
  const add = (target: string, value: string, met: boolean | undefined) =>
    targets.push({ target, value, met: met ?? null });
  const check = (value: number | undefined, ok: (v: number) => boolean) =>
    value === undefined ? undefined : ok(value);

  const ratio = r.receiver?.ratio;
  add(
    'receiver ≥ 50 % of bare Koa throughput',
    percent(ratio),
    check(ratio, (v) => v >= 0.5),
  );
  const p99 = r.receiver?.deputyAtRate.paced.p99Ms;
  add(
    'receiver p99 ack < 10 ms at 1,000/s',
    fmt(p99, ' ms'),
    check(p99, (v) => v < 10),
  );

  const one = r.pipeline.find((run) => run.workerProcesses === 1 && run.latencyMs === 0);
  const rate = one?.eventsPerSecond;
  add(
    'pipeline ≥ 1,500 events/s, 1 worker, 0 ms',
    fmt(rate, '/s'),
    check(rate, (v) => v >= 1500),
  );
  for (const workers of [1, 2]) {
    const run = r.pipeline.find((p) => p.workerProcesses === workers && p.latencyMs === 50);
    add(
      `pipeline ≥ 85 % of bound, ${workers} worker(s), 50 ms`,
      percent(run?.ofBound),
      check(run?.ofBound, (v) => v >= 0.85),
    );
  }

  // The web process also hosts the sandbox, whose in-memory Webex holds every message of a
  // pipeline run; part 1 (the receiver, sandbox idle) is the web process's own figure.
  const web = r.rssMiB.web['part 1'];
  const worker = peak(r.rssMiB.worker);
  // The 150 MB is decimal megabytes: 143 MiB.
  const under150 = (v: number) => v * 2 ** 20 < 150e6;
  add('web peak RSS < 150 MB (part 1)', fmt(web, ' MiB'), check(web, under150));
  add('worker peak RSS < 150 MB', fmt(worker, ' MiB'), check(worker, under150));
  const bytes = r.people?.keyBytesPerPerson;
  add(
    'Redis < 2 KB per connected person',
    fmt(bytes, ' B'),
    // Decimal kilobytes, as the megabytes above.
    check(bytes, (v) => v < 2000),
  );
  const storm = r.storm;
  add(
    'refresh storm: one refresh call, no job failed',
    storm ? `${storm.refreshCalls} call(s), ${storm.failedJobs} failed` : '—',
    storm ? storm.refreshCalls === 1 && storm.failedJobs === 0 : undefined,
  );
  return targets;
}
