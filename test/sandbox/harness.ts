/**
 * Test harness: a Koa app that mounts only the sandbox router on 127.0.0.1 (port 0), helpers to
 * call it as a sample person, and a receiver that captures webhook deliveries byte for byte.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import Koa from 'koa';
import { expect } from 'vitest';
import { createLogger } from '../../src/log/logger.js';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/sandbox.js';
import { validateResponse } from './openapi.js';

export const CLIENT_ID = 'deputy-test-client';
export const CLIENT_SECRET = 'test-client-secret-0123456789';

export interface SamplePerson {
  id: string;
  displayName: string;
  email: string;
  accessToken: string;
}

export interface Harness {
  baseUrl: string;
  apiBase: string;
  sandbox: Sandbox;
  people: SamplePerson[];
  close(): Promise<void>;
}

export async function startSandbox(overrides: Partial<SandboxOptions> = {}): Promise<Harness> {
  const server = createServer();
  const baseUrl = await listen(server);
  const sandbox = createSandbox({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    publicBaseUrl: baseUrl,
    accessTokenSeconds: 1_209_599,
    refreshTokenSeconds: 7_775_999,
    logger: createLogger({ level: 'silent' }),
    ...overrides,
  });
  const app = new Koa();
  app.use(sandbox.router.routes());
  server.on('request', app.callback());
  const people = (await (
    await fetch(`${baseUrl}/sandbox/control/people`)
  ).json()) as SamplePerson[];
  return {
    baseUrl,
    apiBase: `${baseUrl}/sandbox`,
    sandbox,
    people,
    close: async () => {
      await sandbox.close();
      await closeServer(server);
    },
  };
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  body: unknown;
}

/** Calls the sandbox REST API with a bearer token; JSON bodies are sent as application/json. */
export async function api(
  h: Harness,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiResponse> {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers['authorization'] = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${h.apiBase}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const isJson = response.headers.get('content-type')?.includes('json') ?? false;
  return {
    status: response.status,
    headers: response.headers,
    text,
    body: isJson && text !== '' ? JSON.parse(text) : undefined,
  };
}

/** The response must match the OpenAPI schema of its path, method and status. */
export function expectSchema(method: string, path: string, response: ApiResponse): void {
  expect(validateResponse(method, path, response.status, response.body)).toEqual([]);
}

/** Calls, checks the status, checks the schema, returns the body. */
export async function apiOk<T = Record<string, unknown>>(
  h: Harness,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  status = method === 'DELETE' ? 204 : 200,
): Promise<T> {
  const response = await api(h, token, method, path, body);
  expect(response.status, response.text).toBe(status);
  expectSchema(method, path, response);
  return response.body as T;
}

export interface Delivery {
  headers: IncomingHttpHeaders;
  raw: Buffer;
  json: Record<string, unknown>;
  /** performance.now() when the request had fully arrived. */
  arrivedAt: number;
}

export interface Receiver {
  url: string;
  deliveries: Delivery[];
  /** The status the receiver answers with; change it to simulate an outage. */
  status: number;
  /** How long the receiver waits before answering. */
  delayMs: number;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const server = createServer();
  const receiver: Receiver = {
    url: await listen(server),
    deliveries: [],
    status: 200,
    delayMs: 0,
    close: () => closeServer(server),
  };
  server.on('request', (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      receiver.deliveries.push({
        headers: req.headers,
        raw,
        json: JSON.parse(raw.toString('utf8')) as Record<string, unknown>,
        arrivedAt: performance.now(),
      });
      setTimeout(() => {
        res.statusCode = receiver.status;
        res.end();
      }, receiver.delayMs);
    });
  });
  return receiver;
}

function listen(server: Server): Promise<string> {
  return new Promise((resolveListen) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolveListen(`http://127.0.0.1:${port}`);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolveClose) => {
    server.closeAllConnections();
    server.close(() => resolveClose());
  });
}

export const roomsOf = async (h: Harness, token: string) =>
  (await apiOk<{ items: { id: string; title: string; type: string }[] }>(h, token, 'GET', '/rooms'))
    .items;

export function person(h: Harness, index: number): SamplePerson {
  const found = h.people[index];
  if (!found) throw new Error(`no sample person ${index}`);
  return found;
}
