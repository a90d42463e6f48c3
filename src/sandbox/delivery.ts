/**
 * Webhook deliveries: POST the compact JSON envelope to the hook's targetUrl, signed with
 * `X-Spark-Signature` (lowercase hex HMAC-SHA1 of the exact body bytes) when the hook has a secret,
 * record the outcome, and disable a hook that keeps failing, as Webex does.
 */
import { createHmac } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import type { Logger } from '../log/logger.js';
import { appendBounded, lastOf } from './records.js';
import { isoNow, now, type SandboxState, type SandboxWebhook } from './state.js';

const TIMEOUT_MS = 5_000;
const FAILURE_WINDOW_MS = 5 * 60_000;
const FAILURES_TO_DISABLE = 100;
/** Deliveries kept for inspection; older ones are dropped so a long-running sandbox stays small. */
export const MAX_DELIVERIES = 5_000;

/** The last MAX_DELIVERIES deliveries, oldest first. */
export function keptDeliveries(state: SandboxState): SandboxState['deliveries'] {
  return lastOf(state.deliveries, MAX_DELIVERIES);
}

function signBody(secret: string, body: Buffer | string): string {
  return createHmac('sha1', secret).update(body).digest('hex');
}

export class WebhookDeliverer {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly agent = new Agent({ keepAliveTimeout: 1_000 });
  private closed = false;

  constructor(
    private readonly state: SandboxState,
    private readonly logger: Logger,
  ) {}

  /** Starts the POST at once and returns; the caller answers its own request concurrently. */
  deliver(webhook: SandboxWebhook, envelope: Record<string, unknown>, dataId: string): void {
    if (this.closed) return;
    const body = Buffer.from(JSON.stringify(envelope), 'utf8');
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (webhook.secret !== undefined && webhook.secret !== '') {
      headers['x-spark-signature'] = signBody(webhook.secret, body);
    }
    const at = isoNow(this.state);
    const started = performance.now();
    const attempt = request(webhook.targetUrl, {
      method: 'POST',
      headers,
      body,
      dispatcher: this.agent,
      // A deadline for the whole delivery: the agent's own timeouts are idle timers, which a
      // receiver answering a byte at a time would never trip.
      signal: AbortSignal.timeout(TIMEOUT_MS),
    }).then(
      async (response) => {
        await response.body.dump();
        this.finish(webhook, body, dataId, at, started, response.statusCode, undefined);
      },
      (error: unknown) => {
        const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        this.finish(webhook, body, dataId, at, started, undefined, reason);
      },
    );
    this.inFlight.add(attempt);
    void attempt.finally(() => this.inFlight.delete(attempt));
  }

  async idle(): Promise<void> {
    while (this.inFlight.size > 0) {
      await Promise.allSettled([...this.inFlight]);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.idle();
    await this.agent.close();
  }

  private finish(
    webhook: SandboxWebhook,
    body: Buffer,
    dataId: string,
    at: string,
    started: number,
    statusCode: number | undefined,
    error: string | undefined,
  ): void {
    const ok = statusCode !== undefined && statusCode >= 200 && statusCode < 300;
    const durationMs = Math.round((performance.now() - started) * 10) / 10;
    appendBounded(
      this.state.deliveries,
      {
        webhookId: webhook.id,
        resource: webhook.resource,
        event: webhook.event,
        dataId,
        targetUrl: webhook.targetUrl,
        body: body.toString('utf8'),
        ...(statusCode !== undefined ? { statusCode } : {}),
        ...(error !== undefined ? { error } : {}),
        ok,
        durationMs,
        at,
      },
      MAX_DELIVERIES,
    );
    const fields = { webhookId: webhook.id, dataId, statusCode, error, durationMs };
    if (ok) {
      this.logger.debug(fields, 'webhook delivered');
      return;
    }
    this.logger.info(fields, 'webhook delivery failed');
    this.countFailure(webhook);
  }

  /** Loosely Webex's rule: 100 failures within five minutes disable the hook until a PUT. */
  private countFailure(webhook: SandboxWebhook): void {
    const time = now(this.state);
    webhook.failures = webhook.failures.filter((t) => t > time - FAILURE_WINDOW_MS);
    webhook.failures.push(time);
    const strict = webhook.strictUntil !== undefined && time < webhook.strictUntil;
    if ((strict || webhook.failures.length >= FAILURES_TO_DISABLE) && webhook.status === 'active') {
      webhook.status = 'inactive';
      webhook.disabledAt = time;
      webhook.failures = [];
      this.logger.warn({ webhookId: webhook.id }, 'webhook disabled after repeated failures');
    }
  }
}
