/**
 * Drives the sandbox's OAuth code flow over HTTP as a browser and an integration would: open
 * /authorize, answer the sign-in page, then exchange the code at /access_token.
 */
import { createHash, randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { CLIENT_ID, CLIENT_SECRET, type Harness } from './harness.js';

export const SCOPES =
  'spark:kms spark:people_read spark:rooms_read spark:messages_read spark:messages_write';

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function redirectUri(h: Harness): string {
  return `${h.baseUrl}/oauth/callback`;
}

export async function openAuthorize(h: Harness, query: Record<string, string>): Promise<Response> {
  return fetch(`${h.apiBase}/authorize?${new URLSearchParams(query).toString()}`, {
    redirect: 'manual',
  });
}

export function authorizeQuery(h: Harness, extra: Record<string, string> = {}) {
  return {
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: redirectUri(h),
    scope: SCOPES,
    state: 'state-123',
    ...extra,
  };
}

/** Opens the sign-in page, picks a person and presses Accept or Decline; returns the redirect. */
export async function signIn(
  h: Harness,
  query: Record<string, string>,
  answer: { personId?: string; decision: 'accept' | 'decline' },
): Promise<URL> {
  const page = await openAuthorize(h, query);
  expect(page.status).toBe(200);
  const html = await page.text();
  const requestId = /name="request" value="([^"]+)"/.exec(html)?.[1];
  expect(requestId).toBeDefined();
  const form = new URLSearchParams({ request: requestId ?? '', decision: answer.decision });
  if (answer.personId) form.set('personId', answer.personId);
  const response = await fetch(`${h.apiBase}/authorize`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location') ?? '');
}

export interface TokenCall {
  status: number;
  body: Record<string, unknown>;
}

export async function tokenCall(
  h: Harness,
  form: Record<string, string>,
  auth: 'body' | 'basic' = 'body',
): Promise<TokenCall> {
  const fields = new URLSearchParams(form);
  const headers: Record<string, string> = {};
  if (auth === 'body') {
    fields.set('client_id', CLIENT_ID);
    fields.set('client_secret', CLIENT_SECRET);
  } else {
    headers['authorization'] =
      `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;
  }
  const response = await fetch(`${h.apiBase}/access_token`, {
    method: 'POST',
    headers,
    body: fields,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The whole flow with PKCE S256 for one sample person; returns the token response. */
export async function connect(h: Harness, personId: string): Promise<Record<string, unknown>> {
  const { verifier, challenge } = pkcePair();
  const query = authorizeQuery(h, { code_challenge: challenge, code_challenge_method: 'S256' });
  const back = await signIn(h, query, { personId, decision: 'accept' });
  const code = back.searchParams.get('code') ?? '';
  const result = await tokenCall(h, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri(h),
    code_verifier: verifier,
  });
  expect(result.status).toBe(200);
  return result.body;
}
