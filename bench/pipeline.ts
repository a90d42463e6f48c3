/**
 * Part 2, the pipeline: a burst of `/poll` commands typed through the sandbox's REST API by the
 * connected people, delivered by the sandbox to the receiver, queued, run by the workers (GET
 * /messages/{id}, then POST /messages with the poll card: two Webex calls an event) and answered
 * at the sandbox. Each command's question carries its number, so every reply is matched to its
 * command; end-to-end latency is the reply's `created` minus the command's, both sandbox clock.
 * The burst is offered faster than the pipeline drains it, so the events per second are the
 * pipeline's and the latencies include the time events wait in the queue.
 */
import type { Queue } from 'bullmq';
import { cpuMsPer, sampleCpu, type CpuSample, type Pids } from './cpu.js';
import type { SamplePerson, SandboxClient, SandboxMessage } from './sandbox.js';
import { mapLimit, percentile, progress, round, sleep } from './util.js';

/** GET /messages/{id} and POST /messages. */
export const WEBEX_CALLS_PER_EVENT = 2;

export interface PipelineRun {
  workerProcesses: number;
  latencyMs: number;
  events: number;
  completed: number;
  eventsPerSecond: number | undefined;
  /** How fast the commands were typed: above eventsPerSecond means the pipeline was the limit. */
  offeredPerSecond: number | undefined;
  p50Ms: number | undefined;
  p99Ms: number | undefined;
  /** concurrency × processes ÷ (Webex calls per event × latency); undefined at 0 ms. */
  boundPerSecond: number | undefined;
  ofBound: number | undefined;
  failedJobs: number;
  /** True when the time limit ended the run before every reply arrived. */
  cutOff: boolean;
  /** CPU milliseconds per completed event in each group of processes. */
  cpuMsPerEvent: CpuSample;
}

export interface PipelineInput {
  sandbox: SandboxClient;
  people: readonly SamplePerson[];
  roomIds: readonly string[];
  queue: Queue;
  events: number;
  latencyMs: number;
  workerProcesses: number;
  workerConcurrency: number;
  offeredConcurrency: number;
  timeLimitSeconds: number;
  /** Letters and digits only, so that the markdown of the reply carries it unescaped. */
  tag: string;
  pids: Pids;
  /** Called after a cut-off run, to clear what is left so the next run starts from nothing. */
  afterCutOff: () => Promise<void>;
}

export async function runPipeline(input: PipelineInput): Promise<PipelineRun> {
  const { sandbox, people, roomIds, queue, events, tag } = input;
  if (!(await sandbox.setLatency(input.latencyMs)) && input.latencyMs > 0) {
    throw new Error('the sandbox has no latency control (POST /sandbox/control/latency)');
  }
  const failedBefore = (await queue.getJobCounts('failed')).failed ?? 0;
  const cpuBefore = sampleCpu(input.pids);
  const started = Date.now();
  const commands = await mapLimit(events, input.offeredConcurrency, (i) => {
    // Spread over every person and room, as many people typing in many spaces would.
    const person = people[i % people.length]!;
    const roomId = roomIds[Math.floor(i / people.length) % roomIds.length]!;
    return sandbox.createMessage(person.accessToken, roomId, `/poll Bench${tag}N${i}? | Yes | No`);
  });
  const typedSeconds = (Date.now() - started) / 1000;

  const deadline = started + input.timeLimitSeconds * 1000;
  let replies = new Map<number, SandboxMessage>();
  let listedAt = 0;
  for (;;) {
    const counts = await queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed');
    const busy = Object.values(counts).some((n) => (n ?? 0) > 0);
    const late = Date.now() > deadline;
    // Listing reads every message of the run, so it waits for an empty queue and is rationed.
    if ((!busy && Date.now() - listedAt > 1000) || late) {
      replies = await findReplies(sandbox, people[0]!, roomIds, tag);
      listedAt = Date.now();
      if (replies.size >= events || late) break;
    }
    await sleep(100);
  }
  const cpuAfter = sampleCpu(input.pids);
  const failedJobs = ((await queue.getJobCounts('failed')).failed ?? 0) - failedBefore;

  const latencies: number[] = [];
  let first = Number.POSITIVE_INFINITY;
  let last = 0;
  commands.forEach((command, i) => {
    const createdAt = Date.parse(command.created);
    first = Math.min(first, createdAt);
    const reply = replies.get(i);
    if (!reply) return;
    const repliedAt = Date.parse(reply.created);
    last = Math.max(last, repliedAt);
    latencies.push(repliedAt - createdAt);
  });
  const seconds = (last - first) / 1000;
  const eventsPerSecond = seconds > 0 ? Math.round(latencies.length / seconds) : undefined;
  const bound =
    input.latencyMs > 0
      ? (input.workerConcurrency * input.workerProcesses) /
        (WEBEX_CALLS_PER_EVENT * (input.latencyMs / 1000))
      : undefined;

  await sandbox.setLatency(0);
  if (latencies.length < events) {
    // Say where the missing events are before clearing them away.
    const counts = await queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed');
    const deliveries = await sandbox.failedDeliveries();
    progress(
      `pipeline: cut off with ${events - latencies.length} events unanswered; queue ${JSON.stringify(counts)}; ` +
        `${deliveries.failed} of the last ${deliveries.kept} deliveries failed` +
        (deliveries.reasons.length > 0 ? ` (${deliveries.reasons.join('; ')})` : ''),
    );
    await input.afterCutOff();
  }
  await removeMessages(sandbox, people, [...commands, ...replies.values()]);
  return {
    workerProcesses: input.workerProcesses,
    latencyMs: input.latencyMs,
    events,
    completed: latencies.length,
    eventsPerSecond,
    offeredPerSecond: typedSeconds > 0 ? Math.round(events / typedSeconds) : undefined,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    boundPerSecond: bound,
    ofBound: bound && eventsPerSecond ? round(eventsPerSecond / bound, 2) : undefined,
    failedJobs,
    cutOff: latencies.length < events,
    cpuMsPerEvent: cpuMsPer(cpuBefore, cpuAfter, latencies.length),
  };
}

/** The poll cards Deputy posted for this run's commands, by command number. */
async function findReplies(
  sandbox: SandboxClient,
  reader: SamplePerson,
  roomIds: readonly string[],
  tag: string,
): Promise<Map<number, SandboxMessage>> {
  const pattern = new RegExp(`Bench${tag}N(\\d+)\\\\?\\?`);
  const found = new Map<number, SandboxMessage>();
  for (const roomId of roomIds) {
    for (const message of await sandbox.roomMessages(reader.accessToken, roomId)) {
      if (!message.attachments?.length) continue;
      const match = pattern.exec(message.markdown ?? '');
      if (match) found.set(Number(match[1]), message);
    }
  }
  return found;
}

/**
 * Deletes the run's commands and replies, so the sandbox (which lives in the web process) does not
 * grow from run to run and blur the web process's memory figure.
 */
async function removeMessages(
  sandbox: SandboxClient,
  people: readonly SamplePerson[],
  messages: readonly SandboxMessage[],
): Promise<void> {
  const tokens = new Map(people.map((person) => [person.id, person.accessToken]));
  progress(`pipeline: removing ${messages.length} messages from the sandbox`);
  await mapLimit(messages.length, 32, async (i) => {
    const message = messages[i]!;
    const token = tokens.get(message.personId);
    if (token) await sandbox.deleteMessage(token, message.id);
  });
}
