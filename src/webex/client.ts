/**
 * The Webex REST client: one typed method per route Deputy uses, on undici with keep-alive.
 * Every failure becomes a WebexApiError; tokens and secrets travel only in headers and bodies,
 * never in messages, routes or log lines.
 */
import { Agent, request, type Dispatcher } from 'undici';
import type { z } from 'zod';
import type { Logger } from '../log/logger.js';
import type { Metrics } from '../metrics/metrics.js';
import { WebexApiError, parseRetryAfter } from './errors.js';
import {
  attachmentActionSchema,
  messageSchema,
  personSchema,
  tokenResponseSchema,
  webhookListSchema,
  webhookSchema,
  type CreateMessageBody,
  type CreateWebhookBody,
  type UpdateWebhookBody,
  type Webhook,
} from './types.js';

export interface WebexClientOptions {
  apiBaseUrl: string;
  clientId: string;
  clientSecret: string;
  logger: Logger;
  metrics?: Metrics;
  timeoutMs?: number;
}

interface Call {
  method: Dispatcher.HttpMethod;
  /** Path template for metrics and errors, e.g. `/messages/{id}`. */
  route: string;
  path: string;
  token?: string;
  json?: unknown;
  form?: Record<string, string>;
}

export class WebexClient {
  private readonly agent: Agent;
  private readonly base: string;

  constructor(private readonly options: WebexClientOptions) {
    const timeout = options.timeoutMs ?? 10_000;
    this.agent = new Agent({ headersTimeout: timeout, bodyTimeout: timeout, connections: 64 });
    this.base = options.apiBaseUrl.replace(/\/+$/, '');
  }

  get apiBaseUrl(): string {
    return this.base;
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  getMe(token: string) {
    return this.parse(personSchema, {
      method: 'GET',
      route: '/people/me',
      path: '/people/me',
      token,
    });
  }

  async listWebhooks(token: string): Promise<Webhook[]> {
    const webhooks: Webhook[] = [];
    let path: string | undefined = '/webhooks?max=100';
    while (path) {
      const { body, headers } = await this.send({ method: 'GET', route: '/webhooks', path, token });
      webhooks.push(...this.validate(webhookListSchema, body, '/webhooks').items);
      path = nextPage(headers['link'], this.base);
    }
    return webhooks;
  }

  createWebhook(token: string, body: CreateWebhookBody) {
    return this.parse(webhookSchema, {
      method: 'POST',
      route: '/webhooks',
      path: '/webhooks',
      token,
      json: body,
    });
  }

  updateWebhook(token: string, id: string, body: UpdateWebhookBody) {
    return this.parse(webhookSchema, {
      method: 'PUT',
      route: '/webhooks/{id}',
      path: `/webhooks/${encodeURIComponent(id)}`,
      token,
      json: body,
    });
  }

  async deleteWebhook(token: string, id: string): Promise<void> {
    await this.send({
      method: 'DELETE',
      route: '/webhooks/{id}',
      path: `/webhooks/${encodeURIComponent(id)}`,
      token,
    });
  }

  createMessage(token: string, body: CreateMessageBody) {
    return this.parse(messageSchema, {
      method: 'POST',
      route: '/messages',
      path: '/messages',
      token,
      json: body,
    });
  }

  getMessage(token: string, id: string) {
    return this.parse(messageSchema, {
      method: 'GET',
      route: '/messages/{id}',
      path: `/messages/${encodeURIComponent(id)}`,
      token,
    });
  }

  async deleteMessage(token: string, id: string): Promise<void> {
    await this.send({
      method: 'DELETE',
      route: '/messages/{id}',
      path: `/messages/${encodeURIComponent(id)}`,
      token,
    });
  }

  getAttachmentAction(token: string, id: string) {
    return this.parse(attachmentActionSchema, {
      method: 'GET',
      route: '/attachment/actions/{id}',
      path: `/attachment/actions/${encodeURIComponent(id)}`,
      token,
    });
  }

  /** Exchanges an authorization code (with its PKCE verifier) for tokens. */
  exchangeCode(code: string, codeVerifier: string, redirectUri: string) {
    return this.grant({
      grant_type: 'authorization_code',
      code,
      code_verifier: codeVerifier,
      redirect_uri: redirectUri,
    });
  }

  refreshAccessToken(refreshToken: string) {
    return this.grant({ grant_type: 'refresh_token', refresh_token: refreshToken });
  }

  private grant(fields: Record<string, string>) {
    const form = {
      ...fields,
      client_id: this.options.clientId,
      client_secret: this.options.clientSecret,
    };
    return this.parse(tokenResponseSchema, {
      method: 'POST',
      route: `/access_token (${fields.grant_type})`,
      path: '/access_token',
      form,
    });
  }

  private async parse<T>(schema: z.ZodType<T>, call: Call): Promise<T> {
    const { body } = await this.send(call);
    return this.validate(schema, body, call.route);
  }

  private validate<T>(schema: z.ZodType<T>, body: unknown, route: string): T {
    const result = schema.safeParse(body);
    if (!result.success) {
      throw new WebexApiError(
        502,
        `unexpected response shape from ${route}: ${result.error.issues[0]?.message}`,
        undefined,
        route,
      );
    }
    return result.data;
  }

  private async send(
    call: Call,
  ): Promise<{ body: unknown; headers: Record<string, string | undefined> }> {
    const route = `${call.method} ${call.route}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    let payload: string | undefined;
    if (call.token) headers.authorization = `Bearer ${call.token}`;
    if (call.json !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(call.json);
    } else if (call.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      payload = new URLSearchParams(call.form).toString();
    }
    const url = call.path.startsWith('http') ? call.path : `${this.base}${call.path}`;

    let response: Dispatcher.ResponseData;
    try {
      response = await request(url, {
        method: call.method,
        headers,
        body: payload,
        dispatcher: this.agent,
      });
    } catch (error) {
      this.count(route, 0);
      const reason = error instanceof Error ? error.message : String(error);
      throw new WebexApiError(0, `no response from Webex: ${reason}`, undefined, route);
    }
    this.count(route, response.statusCode);
    const responseHeaders = flattenHeaders(response.headers);
    const text = await response.body.text().catch(() => '');
    const body = parseJson(text);

    if (response.statusCode >= 200 && response.statusCode < 300) {
      return { body, headers: responseHeaders };
    }
    const details = errorDetails(body);
    const trackingId = details.trackingId ?? responseHeaders['trackingid'];
    const error = new WebexApiError(
      response.statusCode,
      details.message ?? `HTTP ${response.statusCode}`,
      trackingId,
      route,
      parseRetryAfter(responseHeaders['retry-after']),
      details.oauthError,
    );
    this.options.logger.debug({ route, status: error.status, trackingId }, 'webex call failed');
    throw error;
  }

  private count(route: string, status: number): void {
    this.options.metrics?.webexCalls.inc({ route, status: String(status) });
  }
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>) {
  const flat: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) {
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // A 429 or a proxy error may come as text/html; the status still tells what happened.
    return undefined;
  }
}

/** Reads both of Webex's error shapes: `{message, errors, trackingId}` and OAuth's `{error, error_description}`. */
function errorDetails(body: unknown): {
  message?: string;
  trackingId?: string;
  oauthError?: string;
} {
  if (typeof body !== 'object' || body === null) return {};
  const record = body as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  const trackingId = text(record.trackingId) ?? text(record.trackingid);
  const oauthError = text(record.error);
  const message = text(record.message) ?? text(record.error_description) ?? oauthError;
  return { message, trackingId, oauthError };
}

/** Follows RFC 5988 `Link: <url>; rel="next"`, only to the same API host. */
function nextPage(link: string | undefined, base: string): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match?.[1] && match[1].startsWith(new URL(base).origin)) return match[1];
  }
  return undefined;
}
