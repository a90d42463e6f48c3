/**
 * The benchmark's view of the sandbox, over HTTP like any client: the sample people and rooms,
 * messages written as a person (their personal access token), and the control API that drives
 * faults. Latency, revocation and the token-call log are each one call here, so a control route
 * that is missing (the sandbox is still growing) is noticed in one place and reported.
 */
import { Pool, type Dispatcher } from 'undici';

export interface SamplePerson {
  id: string;
  displayName: string;
  email: string;
  accessToken: string;
}

export interface SandboxMessage {
  id: string;
  roomId: string;
  personId: string;
  text?: string;
  markdown?: string;
  attachments?: unknown[];
  created: string;
}

export interface TokenCall {
  grantType: string;
  status: number;
  personId?: string;
}

export class SandboxClient {
  /** Many connections: the pipeline part creates dozens of messages at once. */
  private readonly pool: Pool;

  constructor(readonly webBase: string) {
    this.pool = new Pool(webBase, { connections: 128, keepAliveTimeout: 30_000 });
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  people(): Promise<SamplePerson[]> {
    return this.json<SamplePerson[]>('GET', '/sandbox/control/people');
  }

  async roomIds(): Promise<string[]> {
    const rooms = await this.json<Array<{ id: string }>>('GET', '/sandbox/control/rooms');
    return rooms.map((room) => room.id);
  }

  /** Sets the sandbox's latency; false when the control route is not there. */
  async setLatency(ms: number): Promise<boolean> {
    const status = await this.send('POST', '/sandbox/control/latency', { ms });
    return status === 200;
  }

  /** Revokes the access tokens issued to Deputy for `personId`; false when the route is missing. */
  async revokeAccessTokens(personId: string): Promise<boolean> {
    const status = await this.send('POST', '/sandbox/control/revoke', {
      personId,
      token: 'access',
    });
    return status === 200;
  }

  tokenCalls(): Promise<TokenCall[]> {
    return this.json<TokenCall[]>('GET', '/sandbox/control/token-calls');
  }

  async createMessage(token: string, roomId: string, text: string): Promise<SandboxMessage> {
    return this.json<SandboxMessage>('POST', '/sandbox/messages', { roomId, text }, token);
  }

  async deleteMessage(token: string, messageId: string): Promise<void> {
    await this.send(
      'DELETE',
      `/sandbox/messages/${encodeURIComponent(messageId)}`,
      undefined,
      token,
    );
  }

  /** Every message of a room, newest first, following the `Link` pages of 1,000. */
  async roomMessages(token: string, roomId: string): Promise<SandboxMessage[]> {
    const all: SandboxMessage[] = [];
    let path: string | undefined =
      `/sandbox/messages?roomId=${encodeURIComponent(roomId)}&max=1000`;
    while (path) {
      const response: Dispatcher.ResponseData = await this.pool.request({
        method: 'GET',
        path,
        headers: { authorization: `Bearer ${token}` },
      });
      const text = await response.body.text();
      if (response.statusCode !== 200) throw new Error(`listing messages answered ${text}`);
      all.push(...(JSON.parse(text) as { items: SandboxMessage[] }).items);
      const link: unknown = response.headers['link'];
      const next: string | undefined =
        typeof link === 'string' ? /<([^>]+)>;\s*rel="next"/.exec(link)?.[1] : undefined;
      path = next ? new URL(next).pathname + new URL(next).search : undefined;
    }
    return all;
  }

  /** Of the deliveries the sandbox still keeps (its last 5,000), those that did not get a 2xx. */
  async failedDeliveries(): Promise<{ kept: number; failed: number; reasons: string[] }> {
    const records = await this.json<Array<{ ok: boolean; statusCode?: number; error?: string }>>(
      'GET',
      '/sandbox/control/deliveries',
    );
    const failed = records.filter((record) => !record.ok);
    const reasons = [...new Set(failed.map((r) => r.error ?? `answered ${r.statusCode}`))];
    return { kept: records.length, failed: failed.length, reasons: reasons.slice(0, 3) };
  }

  private async send(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: unknown,
    token?: string,
  ): Promise<number> {
    const response = await this.pool.request({
      method,
      path,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    await response.body.dump();
    return response.statusCode;
  }

  private async json<T>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    token?: string,
  ): Promise<T> {
    const response = await this.pool.request({
      method,
      path,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await response.body.text();
    if (response.statusCode !== 200) {
      throw new Error(`${method} ${path} answered ${response.statusCode}: ${text.slice(0, 300)}`);
    }
    return JSON.parse(text) as T;
  }
}
