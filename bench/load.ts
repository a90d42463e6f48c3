/**
 * The two load generators of the receiver part. `closedLoop` is autocannon: a fixed number of
 * connections, each sending its next delivery as soon as the last one is answered, which finds
 * the throughput. `openLoop` offers a fixed rate with requests spaced evenly (undici's pool) and
 * times each one from when it was due, not when it left, so a stalled server cannot hide its
 * stall (coordinated omission). autocannon's own `overallRate` is run too, as the issue asks, but
 * it sends each connection's share of a second back to back at the start of the second, so its
 * p99 is that of a burst; both are reported.
 */
import autocannon from 'autocannon';
import { Pool } from 'undici';
import type { Delivery } from './deliveries.js';
import { percentile, round, sleep } from './util.js';

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number | undefined;
  p99Ms: number | undefined;
  /** Answers other than 2xx, plus connection errors and timeouts. */
  failures: number;
  statuses: Record<string, number>;
}

const PATH = '/webhooks/webex';

export async function closedLoop(
  base: string,
  next: () => Delivery,
  options: { connections: number; seconds: number; overallRate?: number },
): Promise<LoadResult> {
  const result = await autocannon({
    url: base,
    connections: options.connections,
    duration: options.seconds,
    // With a rate, its correction assumes one request per ms per connection and invents
    // samples that pull the percentiles down; it is turned off.
    ...(options.overallRate
      ? { overallRate: options.overallRate, ignoreCoordinatedOmission: true }
      : {}),
    requests: [
      {
        method: 'POST',
        path: PATH,
        setupRequest: (request) => {
          const delivery = next();
          return { ...request, headers: delivery.headers, body: delivery.body };
        },
      },
    ],
  });
  const statuses: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) {
    statuses[code] = count ?? 0;
  }
  return {
    requestsPerSecond: Math.round(result['2xx'] / result.duration),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
    statuses,
  };
}

export async function openLoop(
  base: string,
  next: () => Delivery,
  options: { connections: number; seconds: number; rate: number },
): Promise<LoadResult> {
  const pool = new Pool(base, { connections: options.connections, pipelining: 1 });
  const total = Math.round(options.rate * options.seconds);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const inFlight = new Set<Promise<void>>();
  let failures = 0;
  const fire = (dueAt: number) => {
    const delivery = next();
    const done = pool
      .request({ method: 'POST', path: PATH, headers: delivery.headers, body: delivery.body })
      .then(async (response) => {
        await response.body.dump();
        latencies.push(performance.now() - dueAt);
        statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
        if (response.statusCode >= 300) failures += 1;
      })
      .catch(() => {
        failures += 1;
      });
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
  };
  const start = performance.now();
  let sent = 0;
  while (sent < total) {
    // Timers are coarse (about a millisecond); send whatever fell due since the last wake-up.
    const due = Math.min(
      total,
      Math.floor(((performance.now() - start) * options.rate) / 1000) + 1,
    );
    for (; sent < due; sent++) fire(start + (sent * 1000) / options.rate);
    await sleep(1);
  }
  await Promise.all([...inFlight]);
  const elapsed = (performance.now() - start) / 1000;
  await pool.close();
  return {
    requestsPerSecond: Math.round(latencies.length / elapsed),
    p50Ms: round(percentile(latencies, 50), 2),
    p99Ms: round(percentile(latencies, 99), 2),
    failures,
    statuses,
  };
}
