/**
 * Part 1, the receiver: signed deliveries per second and ack latency with 32 connections, against
 * Deputy's web process and against the bare Koa baseline in the same run, then latency at a fixed
 * offered rate. No worker runs meanwhile, so the figures are the receiver's alone (a worker would
 * take CPU from it on this two-core machine); the queue it filled is emptied afterwards.
 */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { Keys } from '../src/redis/keys.js';
import { cpuMsPer, sampleCpu, type CpuSample, type Pids } from './cpu.js';
import type { Delivery } from './deliveries.js';
import { closedLoop, openLoop, type LoadResult } from './load.js';
import type { BenchOptions } from './options.js';
import { progress, round, waitFor } from './util.js';

export interface ReceiverResults {
  deputy: LoadResult;
  bare: LoadResult;
  /** Deputy's throughput over bare Koa's. */
  ratio: number | undefined;
  /** At the fixed rate: evenly spaced (undici) and autocannon's bursty overallRate. */
  deputyAtRate: { paced: LoadResult; autocannon: LoadResult };
  bareAtRate: { paced: LoadResult };
  /** CPU milliseconds per answered delivery, in the 32-connection runs. */
  cpuMsPerDelivery: { deputy: CpuSample; bare: CpuSample };
  /** Jobs the run left in the queue, as a check that deliveries really were queued. */
  queuedJobs: number;
}

export async function benchReceiver(input: {
  webBase: string;
  bareBase: string;
  next: () => Delivery;
  options: BenchOptions['receiver'];
  queue: Queue;
  /** `server` is the process under test; `redis` and `bench` are counted with it. */
  pids: { deputy: Pids; bare: Pids };
}): Promise<ReceiverResults> {
  const { webBase, bareBase, next, options } = input;
  const { connections, durationSeconds: seconds, warmupSeconds, rate } = options;

  progress(
    `receiver: bare Koa, warm-up ${warmupSeconds} s, then ${connections} connections for ${seconds} s`,
  );
  await closedLoop(bareBase, next, { connections, seconds: warmupSeconds });
  let cpu = sampleCpu(input.pids.bare);
  const bare = await closedLoop(bareBase, next, { connections, seconds });
  const bareCpu = cpuMsPer(cpu, sampleCpu(input.pids.bare), bare.requestsPerSecond * seconds);
  progress(`receiver: bare Koa at ${rate} requests/s for ${seconds} s`);
  const barePaced = await openLoop(bareBase, next, { connections, seconds, rate });

  progress(
    `receiver: Deputy, warm-up ${warmupSeconds} s, then ${connections} connections for ${seconds} s`,
  );
  await closedLoop(webBase, next, { connections, seconds: warmupSeconds });
  cpu = sampleCpu(input.pids.deputy);
  const deputy = await closedLoop(webBase, next, { connections, seconds });
  const deputyCpu = cpuMsPer(cpu, sampleCpu(input.pids.deputy), deputy.requestsPerSecond * seconds);
  progress(
    `receiver: Deputy at ${rate} requests/s for ${seconds} s (evenly spaced, then autocannon)`,
  );
  const paced = await openLoop(webBase, next, { connections, seconds, rate });
  const autocannonRate = await closedLoop(webBase, next, {
    connections,
    seconds,
    overallRate: rate,
  });

  for (const result of [deputy, paced, autocannonRate]) {
    const other = Object.keys(result.statuses).filter((code) => code !== '200');
    if (other.length > 0) {
      // 202 means "not connected" and 401 a bad signature: the run would not measure queueing.
      throw new Error(
        `the receiver answered ${JSON.stringify(result.statuses)}; expected only 200`,
      );
    }
  }
  const counts = await input.queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active');
  return {
    deputy,
    bare,
    ratio: round(deputy.requestsPerSecond / bare.requestsPerSecond, 2),
    deputyAtRate: { paced, autocannon: autocannonRate },
    bareAtRate: { paced: barePaced },
    cpuMsPerDelivery: { deputy: deputyCpu, bare: bareCpu },
    queuedJobs: Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0),
  };
}

/**
 * Removes queued jobs nobody is to run (part 1 runs no worker; a cut-off pipeline run leaves its
 * rest) and the people's backlog counters, so the next part starts from an empty queue with
 * fair-share priorities at 1. Running jobs are let finish first.
 */
export async function emptyQueue(
  queue: Queue,
  redis: Redis,
  prefix: string,
  personIds: readonly string[],
): Promise<void> {
  await queue.drain(true);
  await waitFor(async () => ((await queue.getActiveCount()) === 0 ? true : undefined), 30_000);
  await queue.obliterate({ force: true });
  // Obliterating pauses the queue first; the workers of the next run need it running.
  await queue.resume();
  const keys = new Keys(prefix);
  const counters = personIds.flatMap((id) => [keys.backlog(id), keys.backlogSequence(id)]);
  if (counters.length > 0) await redis.unlink(...counters);
}
