/**
 * CPU time of the processes involved, read from /proc/<pid>/stat (user + system), so that each
 * figure can say where the time went: per delivery or per event, in the web process, the
 * workers, Redis and the benchmark itself (which generates the load on the same two cores).
 * Redis counts only when it runs on this machine; off Linux every figure is simply missing.
 */
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat; 100 on every Linux Deputy runs on. */
const TICKS_PER_SECOND = 100;

export type Pids = Record<string, readonly number[]>;
export type CpuSample = Record<string, number | undefined>;

function cpuSecondsOf(pid: number): number | undefined {
  if (pid === process.pid) {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1e6;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** CPU seconds used so far by each named group of processes. */
export function sampleCpu(pids: Pids): CpuSample {
  const sample: CpuSample = {};
  for (const [name, list] of Object.entries(pids)) {
    let total: number | undefined = 0;
    for (const pid of list) {
      const seconds = cpuSecondsOf(pid);
      total = seconds === undefined || total === undefined ? undefined : total + seconds;
    }
    sample[name] = list.length > 0 ? total : undefined;
  }
  return sample;
}

/** CPU milliseconds per item of work between two samples, for each group. */
export function cpuMsPer(before: CpuSample, after: CpuSample, items: number): CpuSample {
  const result: CpuSample = {};
  for (const name of Object.keys(after)) {
    const start = before[name];
    const end = after[name];
    result[name] =
      start === undefined || end === undefined || items <= 0
        ? undefined
        : Math.round(((end - start) * 1000 * 1000) / items) / 1000;
  }
  return result;
}
