/**
 * The processes the benchmark measures, started the way an operator starts them
 * (compiled, `node dist/src/main.js web|worker`, after `npm run build`) plus the bare Koa baseline. Every child is
 * remembered so that an error, Ctrl-C or a normal end never leaves one running, and each one's
 * peak RSS is read from /proc (VmHWM), reset between parts so that each part gets its own peak.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUTPUT_KEPT = 64 * 1024;
/** Extra node flags for every child, e.g. BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/p". */
const EXTRA_NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);

export interface Child {
  name: string;
  pid: number;
  /** The last 64 KiB the child wrote, for error messages. */
  output(): string;
  /** Peak resident set since start or the last resetPeak, in bytes; undefined off Linux. */
  peakRss(): number | undefined;
  resetPeak(): void;
  /** SIGTERM, then SIGKILL if it has not exited within 10 s. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

/** Synchronous, so it also works from an 'exit' handler. */
export function killAll(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

export function startChild(
  name: string,
  script: string,
  args: string[],
  env: Record<string, string>,
  readyLine: string,
  nodeArgs: string[] = [],
): Promise<Child> {
  // Deputy runs compiled, as `npm start` runs it; the baseline and helpers run through tsx.
  const loader = script.endsWith('.js') ? [] : ['--import', 'tsx'];
  const child = spawn(
    process.execPath,
    [...nodeArgs, ...EXTRA_NODE_ARGS, ...loader, script, ...args],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  running.add(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (output.length > OUTPUT_KEPT * 2) output = output.slice(-OUTPUT_KEPT);
  };
  // Always read both pipes: a child whose pipe fills up blocks on its next log line.
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running.delete(child);
      resolve();
    }),
  );
  const handle: Child = {
    name,
    pid: child.pid ?? 0,
    output: () => output.slice(-OUTPUT_KEPT),
    peakRss: () => procStatusKb(child.pid, 'VmHWM'),
    resetPeak: () => {
      try {
        // "5" resets the peak RSS counter (Linux 4.0+); without it the peak covers all parts.
        writeFileSync(`/proc/${child.pid}/clear_refs`, '5');
      } catch {
        /* not Linux, or not allowed: the peak then covers everything so far */
      }
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
  return new Promise<Child>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`${name} did not start within 30 s`)), 30_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${error.message}\n${output.slice(-4000)}`));
    };
    const check = () => {
      if (!output.includes(readyLine)) return;
      clearTimeout(timer);
      child.stdout!.off('data', check);
      resolve(handle);
    };
    child.stdout!.on('data', check);
    void exited.then(() => fail(new Error(`${name} exited before it started`)));
  });
}

/** A Deputy process; `env` carries the shared secrets, prefix and addresses. */
export function startDeputy(
  name: string,
  mode: 'web' | 'worker',
  env: Record<string, string>,
): Promise<Child> {
  // The same node flags as the start scripts in package.json.
  const flags = [
    '--max-semi-space-size=4',
    ...(mode === 'worker' ? ['--max-old-space-size=128'] : ['--heap-growing-percent=50']),
  ];
  return startChild(name, 'dist/src/main.js', [mode], env, 'deputy started', flags);
}

export function startBareKoa(port: number): Promise<Child> {
  return startChild('bare-koa', 'bench/bare-koa.ts', [String(port)], {}, 'bare koa listening');
}

/** A `kB` line of /proc/<pid>/status, in bytes. */
function procStatusKb(pid: number | undefined, field: string): number | undefined {
  if (!pid) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
