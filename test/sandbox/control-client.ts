/**
 * Calls the sandbox's control API over HTTP as the tests of later issues will: JSON in, JSON out,
 * no token. Also posts the Controls page's forms, which answer with a redirect.
 */
import type { Harness } from './harness.js';

export interface ControlResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

export async function control<T = Record<string, unknown>>(
  h: Harness,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<ControlResponse<T>> {
  const response = await fetch(`${h.apiBase}/control${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text === '' ? undefined : JSON.parse(text)) as T,
  };
}

/** Posts a form of the Controls page; returns where it redirects and the notice or error. */
export async function controlForm(
  h: Harness,
  path: string,
  fields: Record<string, string>,
): Promise<{ status: number; notice: string | null; error: string | null }> {
  const response = await fetch(`${h.apiBase}/control${path}`, {
    method: 'POST',
    body: new URLSearchParams(fields),
    redirect: 'manual',
  });
  const location = new URL(response.headers.get('location') ?? '/', h.baseUrl);
  return {
    status: response.status,
    notice: location.searchParams.get('notice'),
    error: location.searchParams.get('error'),
  };
}
