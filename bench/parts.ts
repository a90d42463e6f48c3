/**
 * The parts of a run, each on a running stack: the receiver against the bare Koa baseline, the
 * pipeline with one and two worker processes at each sandbox latency, and the refresh storm.
 * Part 3's Redis measurement needs no stack and lives in people-memory.ts.
 */
import { startBareKoa } from './children.js';
import { deliveryFactory } from './deliveries.js';
import type { BenchOptions } from './options.js';
import { runPipeline, type PipelineRun } from './pipeline.js';
import { benchReceiver, type ReceiverResults } from './receiver.js';
import type { Stack } from './stack.js';
import { runStorm, type StormResult } from './storm.js';
import { freePort, progress } from './util.js';

export async function receiverPart(s: Stack, options: BenchOptions): Promise<ReceiverResults> {
  const barePort = await freePort();
  const bare = await startBareKoa(barePort);
  try {
    // One delivery target per person, each in a room of their own, round robin.
    const targets = s.people.map((p, i) => ({
      personId: p.id,
      email: p.email,
      roomId: s.roomIds[i % s.roomIds.length]!,
    }));
    return await benchReceiver({
      webBase: s.base,
      bareBase: `http://127.0.0.1:${barePort}`,
      next: deliveryFactory(s.env.WEBHOOK_SECRET!, s.base, targets),
      options: options.receiver,
      queue: s.queue,
      pids: {
        deputy: { server: [s.web.pid], redis: s.redisPids, bench: [process.pid] },
        bare: { server: [bare.pid], redis: s.redisPids, bench: [process.pid] },
      },
    });
  } finally {
    await bare.stop();
    // No worker is to run the jobs part 1 queued.
    await s.resetQueue();
  }
}

export async function pipelinePart(
  s: Stack,
  options: BenchOptions,
  notes: string[],
): Promise<PipelineRun[]> {
  const p = options.pipeline;
  const latencyControl = await s.sandbox.setLatency(0);
  if (!latencyControl) notes.push('no POST /sandbox/control/latency: the 50 ms runs were skipped');
  const runs: PipelineRun[] = [];
  let run = 0;
  for (const count of p.workerProcesses) {
    await s.workersUpTo(count);
    const common = {
      sandbox: s.sandbox,
      people: s.people,
      roomIds: s.roomIds,
      queue: s.queue,
      workerProcesses: count,
      workerConcurrency: options.workerConcurrency,
      offeredConcurrency: p.offeredConcurrency,
      timeLimitSeconds: p.timeLimitSeconds,
      afterCutOff: () => s.resetQueue(),
      pids: {
        web: [s.web.pid],
        workers: s.workers.map((w) => w.pid),
        redis: s.redisPids,
        bench: [process.pid],
      },
    };
    // A new worker process runs cold: warm it (and the web process) before measuring.
    progress(`pipeline: warm-up, ${p.warmupEvents} events with ${count} worker(s)`);
    await runPipeline({ ...common, events: p.warmupEvents, latencyMs: 0, tag: `W${run++}` });
    for (const latencyMs of p.latenciesMs) {
      if (latencyMs > 0 && !latencyControl) continue;
      progress(`pipeline: ${p.events} events, ${count} worker(s), ${latencyMs} ms latency`);
      const tag = `R${run++}`;
      const result = await runPipeline({ ...common, events: p.events, latencyMs, tag });
      progress(`pipeline: ${result.completed} done, ${result.eventsPerSecond ?? '—'} events/s`);
      runs.push(result);
    }
  }
  return runs;
}

export async function stormPart(
  s: Stack,
  options: BenchOptions,
  notes: string[],
): Promise<StormResult> {
  // Two worker processes, so that "one refresh" holds across processes, not just within one.
  await s.workersUpTo(Math.max(...options.pipeline.workerProcesses));
  const storm = await runStorm({
    sandbox: s.sandbox,
    person: s.people[s.people.length - 1]!,
    roomId: s.roomIds[0]!,
    queue: s.queue,
    jobs: options.stormJobs,
    redis: s.redis,
    prefix: s.prefix,
    tokenEncryptionKey: s.tokenEncryptionKey,
    timeLimitSeconds: 120,
  });
  if (storm.revokedBy !== 'sandbox') {
    notes.push('no POST /sandbox/control/revoke: the storm replaced the stored access token');
  }
  return storm;
}
