/** A tiny browser for tests: real HTTP, a cookie jar, and redirects followed by hand. */
import { request } from 'undici';

export interface Response {
  status: number;
  headers: Record<string, string>;
  text: string;
  location: string | undefined;
}

export class TestBrowser {
  private readonly cookies = new Map<string, string>();

  constructor(readonly base: string) {}

  async get(path: string): Promise<Response> {
    return this.send('GET', path);
  }

  async postForm(path: string, fields: Record<string, string>): Promise<Response> {
    return this.send(
      'POST',
      path,
      new URLSearchParams(fields).toString(),
      'application/x-www-form-urlencoded',
    );
  }

  /** Follows redirects until a page answers, the way a browser would. */
  async follow(path: string, limit = 10): Promise<Response & { url: string }> {
    let url = path;
    for (let hop = 0; hop < limit; hop++) {
      const response = await this.get(url);
      if (!response.location || response.status < 300 || response.status >= 400)
        return { ...response, url };
      url = response.location;
    }
    throw new Error(`more than ${limit} redirects from ${path}`);
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  private async send(
    method: 'GET' | 'POST',
    path: string,
    body?: string,
    type?: string,
  ): Promise<Response> {
    const url = new URL(path, this.base);
    const headers: Record<string, string> = {};
    if (this.cookies.size > 0) {
      headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    }
    if (type) headers['content-type'] = type;
    const response = await request(url, { method, headers, body });
    const setCookie = response.headers['set-cookie'];
    for (const line of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const [pair = ''] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const flat: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const location = flat.location ? new URL(flat.location, url).toString() : undefined;
    return {
      status: response.statusCode,
      headers: flat,
      text: await response.body.text(),
      location,
    };
  }
}

/** Calls a JSON API with a bearer token. */
export async function api<T = unknown>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await request(url, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await response.body.text();
  return { status: response.statusCode, body: (text ? JSON.parse(text) : undefined) as T };
}

/** Polls `check` until it returns a value, or fails after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
