/**
 * The plain-text table of a run: the machine, one section per part, the targets, and notes on
 * anything that could not be measured as asked.
 */
import type { CpuSample } from './cpu.js';
import { fmt, type BenchResults } from './targets.js';

type Cell = string | number | undefined;

function table(headers: string[], rows: Cell[][]): string {
  const text = (c: Cell) => (typeof c === 'number' ? fmt(c) : (c ?? '—'));
  const cells = [headers, ...rows.map((row) => row.map(text))];
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  const line = (row: string[]) => `  ${row.map((c, i) => c.padEnd(widths[i]!)).join('  ')}`;
  const rule = widths.map((w) => '-'.repeat(w));
  return [cells[0]!, rule, ...cells.slice(1)].map((row) => line(row).trimEnd()).join('\n');
}

/** "web 1.2 · redis 0.4" for the groups that were measured. */
function cpu(sample: CpuSample | undefined): string {
  const parts = Object.entries(sample ?? {}).filter(([, ms]) => ms !== undefined);
  return parts.length > 0 ? parts.map(([name, ms]) => `${name} ${ms}`).join(' · ') : '—';
}

function receiverSection(r: NonNullable<BenchResults['receiver']>): string[] {
  type Load = { requestsPerSecond: number; p50Ms: number | undefined; p99Ms: number | undefined };
  const row = (name: string, x: Load): Cell[] => [name, x.requestsPerSecond, x.p50Ms, x.p99Ms];
  return [
    '1. Receiver: signed deliveries, no worker running',
    table(
      ['server, load', 'answers/s', 'p50 ms', 'p99 ms'],
      [
        row('Deputy, 32 connections', r.deputy),
        row('bare Koa, 32 connections', r.bare),
        ['Deputy ÷ bare Koa', fmt(r.ratio), undefined, undefined],
        row('Deputy, 1,000/s evenly spaced', r.deputyAtRate.paced),
        row('Deputy, 1,000/s autocannon overallRate', r.deputyAtRate.autocannon),
        row('bare Koa, 1,000/s evenly spaced', r.bareAtRate.paced),
      ],
    ),
    `  CPU ms per delivery, Deputy: ${cpu(r.cpuMsPerDelivery.deputy)}`,
    `  CPU ms per delivery, bare Koa: ${cpu(r.cpuMsPerDelivery.bare)}`,
  ];
}

function pipelineSection(runs: BenchResults['pipeline']): string[] {
  const headers = ['workers', 'latency', 'events', 'events/s', 'typed/s', 'p50 ms', 'p99 ms'];
  return [
    '2. Pipeline: /poll typed at the sandbox → poll card posted at the sandbox (burst)',
    table(
      [...headers, 'bound/s', 'of bound', 'failed'],
      runs.map((p) => [
        p.workerProcesses,
        `${p.latencyMs} ms`,
        `${p.completed}/${p.events}${p.cutOff ? ' (cut off)' : ''}`,
        p.eventsPerSecond,
        p.offeredPerSecond,
        p.p50Ms,
        p.p99Ms,
        p.boundPerSecond,
        p.ofBound === undefined ? undefined : `${Math.round(p.ofBound * 100)} %`,
        p.failedJobs,
      ]),
    ),
    '  CPU ms per event:',
    ...runs.map(
      (p) => `    ${p.workerProcesses} worker(s), ${p.latencyMs} ms: ${cpu(p.cpuMsPerEvent)}`,
    ),
  ];
}

export function renderTable(r: BenchResults): string {
  const m = r.machine;
  const out: string[] = [
    `Deputy benchmarks${r.quick ? ' (--quick: a short smoke run; the figures are rough)' : ''}`,
    `  ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}; node ${m.node}, redis ${m.redis}`,
    `  load average ${m.loadBefore} before, ${fmt(m.loadAfter)} after; ${Math.round(r.seconds)} s`,
  ];
  if (r.receiver) out.push('', ...receiverSection(r.receiver));
  if (r.pipeline.length > 0) out.push('', ...pipelineSection(r.pipeline));
  const parts = [...new Set([...Object.keys(r.rssMiB.web), ...Object.keys(r.rssMiB.worker)])];
  out.push('', '3. Memory');
  if (parts.length > 0) {
    out.push(
      table(
        ['process', ...parts.map((p) => `peak RSS, ${p}`)],
        [
          ['web', ...parts.map((p) => fmt(r.rssMiB.web[p], ' MiB'))],
          ['worker (largest)', ...parts.map((p) => fmt(r.rssMiB.worker[p], ' MiB'))],
        ],
      ),
    );
  }
  if (parts.length > 0) {
    out.push(
      '  The web process hosts the sandbox: parts 2 and 4 include its copy of every message.',
    );
  }
  if (r.people) {
    const p = r.people;
    out.push(
      `  Redis per connected person, ${fmt(p.people)} people: ${fmt(p.keyBytesPerPerson)} B (MEMORY USAGE of their keys), ${fmt(p.usedMemoryBytesPerPerson)} B (used_memory change); person record encoded as ${p.personRecordEncoding}`,
    );
  }
  if (r.storm) {
    const s = r.storm;
    out.push(
      '',
      '4. Refresh storm',
      `  ${fmt(s.jobs)} jobs of one person, access token revoked (${s.revokedBy}): ${s.refreshCalls} refresh call(s); ${fmt(s.completed)} replies in ${fmt(s.seconds, ' s')}; ${s.failedJobs} failed`,
    );
  }
  const met = (m: boolean | null) => (m === null ? 'not measured' : m ? 'yes' : 'NO');
  out.push(
    '',
    'Targets',
    table(
      ['target', 'value', 'met'],
      r.targets.map((t) => [t.target, t.value, met(t.met)]),
    ),
  );
  if (r.notes.length > 0) out.push('', 'Notes', ...r.notes.map((n) => `  - ${n}`));
  return out.join('\n');
}
