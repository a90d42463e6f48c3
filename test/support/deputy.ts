/**
 * Runs a whole Deputy for a test: web, worker and sandbox in this process, on a free loopback
 * port, under a key prefix of its own that is removed afterwards.
 */
import { createServer } from 'node:net';
import { Queue } from 'bullmq';
import { EVENT_QUEUE, type EventJob } from '../../src/queue/event-queue.js';
import { loadConfig } from '../../src/config/config.js';
import { lintMessage } from '../../src/cards/lint.js';
import { validateRequest, validateResponse } from '../sandbox/openapi.js';
import type { DeputyApp } from '../../src/commands/types.js';
import { startDeputy, type RunningDeputy } from '../../src/deputy.js';
import type { Sandbox } from '../../src/sandbox/sandbox.js';
import { captureLogs, type CapturedLogger } from './log-capture.js';
import { TestBrowser, api, eventually } from './http.js';
import { removePrefix, testRedis, uniquePrefix } from './redis.js';

export interface SamplePerson {
  id: string;
  displayName: string;
  email: string;
  accessToken: string;
}

export interface TestDeputy {
  deputy: RunningDeputy;
  base: string;
  prefix: string;
  logs: CapturedLogger;
  sandbox: Sandbox;
  people: SamplePerson[];
  person(name: string): SamplePerson;
  /** The event queue, to read job outcomes. */
  queue: Queue<EventJob>;
  /** Resolves once every webhook was delivered and every queued event handled. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startTestDeputy(
  label: string,
  options: { env?: Record<string, string>; apps?: DeputyApp[]; worker?: boolean } = {},
): Promise<TestDeputy> {
  const port = await freePort();
  const prefix = uniquePrefix(label);
  const base = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    PORT: String(port),
    PUBLIC_BASE_URL: base,
    KEY_PREFIX: prefix,
    REDIS_URL: process.env.REDIS_URL,
    WORKER_CONCURRENCY: '8',
    ...options.env,
  });
  const logs = captureLogs('debug');
  const deputy = await startDeputy({
    config,
    roles: { web: true, worker: options.worker ?? true },
    logger: logs.logger,
    apps: options.apps ?? [],
  });
  const sandbox = deputy.sandbox;
  if (!sandbox) throw new Error('the test Deputy has no sandbox');
  const redis = testRedis();
  const queue = new Queue<EventJob>(EVENT_QUEUE, { connection: redis, prefix });
  const people = (await api<SamplePerson[]>('GET', `${base}/sandbox/control/people`, 'none')).body;
  return {
    deputy,
    base,
    prefix,
    logs,
    sandbox,
    people,
    queue,
    person(name) {
      const found = people.find((p) => p.displayName.startsWith(name));
      if (!found) throw new Error(`no sample person named ${name}`);
      return found;
    },
    async settled() {
      await eventually(
        'the queue to drain',
        async () => {
          await sandbox.idle();
          const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
          const busy = Object.values(counts).some((count) => count > 0);
          return busy ? undefined : true;
        },
        20_000,
      );
    },
    async close() {
      await deputy.close();
      assertSentCardsPassLint(sandbox);
      assertCallsFitOpenApi(sandbox);
      await queue.close();
      await removePrefix(redis, prefix);
      redis.disconnect();
    },
  };
}

/** Connects `person` through the OAuth flow, in a fresh browser; returns the browser on /account. */
export async function connectThroughSandbox(
  test: TestDeputy,
  person: SamplePerson,
): Promise<{ browser: TestBrowser; account: string }> {
  const browser = new TestBrowser(test.base);
  const login = await browser.get('/oauth/login');
  if (login.status !== 302 || !login.location) throw new Error(`login answered ${login.status}`);
  const signIn = await browser.get(login.location);
  const requestId = /name="request" value="([^"]+)"/.exec(signIn.text)?.[1];
  if (!requestId) throw new Error('no sign-in request on the sandbox page');
  const accepted = await browser.postForm('/sandbox/authorize', {
    request: requestId,
    personId: person.id,
    decision: 'accept',
  });
  if (!accepted.location) throw new Error(`the sandbox sign-in answered ${accepted.status}`);
  const account = await browser.follow(accepted.location);
  if (!account.url.endsWith('/account')) {
    throw new Error(
      `connecting ended on ${account.url} with ${account.status}: ${account.text.slice(0, 300)}`,
    );
  }
  return { browser, account: account.text };
}

export interface SandboxMessage {
  id: string;
  roomId: string;
  parentId?: string;
  personId: string;
  text?: string;
  markdown?: string;
  attachments?: Array<{ contentType: string; content: Record<string, unknown> }>;
  created: string;
}

/** Messages in a room as `reader` sees them, oldest first. */
export async function roomMessages(
  test: TestDeputy,
  reader: SamplePerson,
  roomId: string,
): Promise<SandboxMessage[]> {
  const response = await api<{ items: SandboxMessage[] }>(
    'GET',
    `${test.base}/sandbox/messages?roomId=${encodeURIComponent(roomId)}&max=1000`,
    reader.accessToken,
  );
  if (response.status !== 200) throw new Error(`listing messages answered ${response.status}`);
  return [...response.body.items].reverse();
}

/** Waits for the n-th message (1-based, after `after`) in a room that satisfies `match`. */
export async function waitForMessage(
  test: TestDeputy,
  reader: SamplePerson,
  roomId: string,
  match: (message: SandboxMessage) => boolean,
  what: string,
): Promise<SandboxMessage> {
  return eventually(what, async () => (await roomMessages(test, reader, roomId)).find(match));
}

export function cardOf(message: SandboxMessage): Record<string, unknown> | undefined {
  return message.attachments?.[0]?.content;
}

/** Every card that reached the sandbox during a test must pass the card lint. */
function assertSentCardsPassLint(sandbox: Sandbox): void {
  const problems: string[] = [];
  for (const message of sandbox.state.messages.values()) {
    if (!message.attachments?.length) continue;
    const found = lintMessage({
      roomId: message.roomId,
      text: message.text,
      markdown: message.markdown,
      attachments: message.attachments,
    });
    if (found.length > 0) problems.push(`${message.id}: ${found.join('; ')}`);
  }
  if (problems.length > 0)
    throw new Error(`cards sent during the test break the lint:\n${problems.join('\n')}`);
}

/** Revokes the tokens the sandbox issued to Deputy for `person`, through the control API. */
export async function revokeTokens(
  test: TestDeputy,
  person: SamplePerson,
  token: 'access' | 'refresh' | 'both',
): Promise<void> {
  const response = await api('POST', `${test.base}/sandbox/control/revoke`, 'none', {
    personId: person.id,
    token,
  });
  if (response.status !== 200) throw new Error(`revoking answered ${response.status}`);
}

/**
 * Every JSON body Deputy sent to the sandbox, and every one the sandbox answered, must fit
 * Webex's OpenAPI description, so that what passes here fits real Webex too.
 */
function assertCallsFitOpenApi(sandbox: Sandbox): void {
  const problems: string[] = [];
  for (const call of sandbox.state.calls) {
    // The token endpoint is not part of the messaging API description.
    if (call.route.startsWith('POST /access_token')) continue;
    if (call.requestBody !== undefined) {
      problems.push(...validateRequest(call.method, call.path, call.requestBody));
    }
    if (call.responseBody !== undefined) {
      problems.push(...validateResponse(call.method, call.path, call.status, call.responseBody));
    }
  }
  if (problems.length > 0) {
    throw new Error(
      `calls that do not fit the OpenAPI description:\n${[...new Set(problems)].join('\n')}`,
    );
  }
}

/** The first space `person` is a member of. */
export async function firstRoomOf(test: TestDeputy, person: SamplePerson): Promise<string> {
  const rooms = await api<{ items: Array<{ id: string }> }>(
    'GET',
    `${test.base}/sandbox/rooms`,
    person.accessToken,
  );
  const room = rooms.body.items[0];
  if (!room) throw new Error('the person is in no space');
  return room.id;
}

/** Types `/help` as `person` in their first space and waits until Deputy is done with it. */
export async function typeHelp(test: TestDeputy, person: SamplePerson): Promise<string> {
  const roomId = await firstRoomOf(test, person);
  await api('POST', `${test.base}/sandbox/messages`, person.accessToken, { roomId, text: '/help' });
  await test.settled();
  return roomId;
}

/** The help cards Deputy posted in a room. */
export async function helpReplies(
  test: TestDeputy,
  reader: SamplePerson,
  roomId: string,
): Promise<SandboxMessage[]> {
  return (await roomMessages(test, reader, roomId)).filter((m) =>
    m.markdown?.startsWith('**Deputy commands**'),
  );
}

/** The refresh-grant calls the sandbox's token endpoint received. */
export function refreshCalls(test: TestDeputy) {
  return test.sandbox.state.tokenCalls.filter((call) => call.grantType === 'refresh_token');
}
