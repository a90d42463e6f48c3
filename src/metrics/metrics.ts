/**
 * Prometheus metrics. One registry per Deputy instance (not prom-client's global one), so that
 * tests running several instances in one process keep their counts apart.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  webhooks: Counter<'outcome'>;
  ackSeconds: Histogram<'outcome'>;
  jobs: Counter<'name' | 'outcome'>;
  webexCalls: Counter<'route' | 'status'>;
  tokenRefreshes: Counter<'outcome'>;
  queueDepth: Gauge<'state'>;
  webhookReactivations: Counter;
  people: Gauge<'state'>;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: 'deputy_' });
  const registers = [registry];
  return {
    registry,
    webhooks: new Counter({
      name: 'deputy_webhooks_total',
      help: 'Webhook deliveries received, by outcome',
      labelNames: ['outcome'],
      registers,
    }),
    ackSeconds: new Histogram({
      name: 'deputy_webhook_ack_seconds',
      help: 'Time from the start of a webhook delivery to its answer',
      labelNames: ['outcome'],
      buckets: [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2],
      registers,
    }),
    jobs: new Counter({
      name: 'deputy_jobs_total',
      help: 'Queued events processed by workers, by job name and outcome',
      labelNames: ['name', 'outcome'],
      registers,
    }),
    webexCalls: new Counter({
      name: 'deputy_webex_calls_total',
      help: 'Calls to the Webex API, by route and HTTP status (0 for a network error)',
      labelNames: ['route', 'status'],
      registers,
    }),
    tokenRefreshes: new Counter({
      name: 'deputy_token_refreshes_total',
      help: 'Access token refreshes, by outcome',
      labelNames: ['outcome'],
      registers,
    }),
    webhookReactivations: new Counter({
      name: 'deputy_webhook_reactivations_total',
      help: 'Inactive webhooks set active again by the reconciler',
      registers,
    }),
    people: new Gauge({
      name: 'deputy_people',
      help: 'Connected people, by connection state, read when metrics are scraped',
      labelNames: ['state'],
      registers,
    }),
    queueDepth: new Gauge({
      name: 'deputy_queue_jobs',
      help: 'Jobs in the event queue, by state, read when metrics are scraped',
      labelNames: ['state'],
      registers,
    }),
  };
}
