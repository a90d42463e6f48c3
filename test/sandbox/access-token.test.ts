import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  api,
  CLIENT_ID,
  CLIENT_SECRET,
  expectSchema,
  person,
  startSandbox,
  type Harness,
} from './harness.js';
import { authorizeQuery, connect, pkcePair, redirectUri, signIn, tokenCall } from './oauth-flow.js';

let h: Harness;
beforeEach(async () => {
  h = await startSandbox();
});
afterEach(async () => {
  await h.close();
});

async function codeFor(personId: string, extra: Record<string, string> = {}) {
  const back = await signIn(h, authorizeQuery(h, extra), { personId, decision: 'accept' });
  return back.searchParams.get('code') ?? '';
}

describe('POST /access_token, authorization_code grant', () => {
  it('exchanges a code and a good PKCE S256 verifier for tokens with the configured lifetimes', async () => {
    const body = await connect(h, person(h, 0).id);
    expect(body).toEqual({
      access_token: expect.stringMatching(/^[0-9a-f]+_PF84_[0-9a-f-]{36}$/),
      expires_in: 1_209_599,
      refresh_token: expect.any(String),
      refresh_token_expires_in: 7_775_999,
      token_type: 'Bearer',
      scope: expect.stringContaining('spark:messages_write'),
    });
    const me = await api(h, body['access_token'] as string, 'GET', '/people/me');
    expect(me.status).toBe(200);
    expectSchema('GET', '/people/me', me);
    expect(me.body).toMatchObject({
      id: person(h, 0).id,
      type: 'person',
      emails: [person(h, 0).email],
    });
  });

  it('refuses a wrong or missing code_verifier with 400', async () => {
    const { challenge } = pkcePair();
    const pkce = { code_challenge: challenge, code_challenge_method: 'S256' };
    for (const verifier of [pkcePair().verifier, undefined]) {
      const code = await codeFor(person(h, 1).id, pkce);
      const form: Record<string, string> = {
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri(h),
      };
      if (verifier) form['code_verifier'] = verifier;
      const result = await tokenCall(h, form);
      expect(result.status).toBe(400);
      expect(result.body['error']).toMatch(/^invalid_(grant|request)$/);
      expect(result.body).not.toHaveProperty('access_token');
    }
  });

  it('accepts the plain PKCE method and HTTP Basic client authentication', async () => {
    const { verifier } = pkcePair();
    const code = await codeFor(person(h, 2).id, {
      code_challenge: verifier,
      code_challenge_method: 'plain',
    });
    const result = await tokenCall(
      h,
      {
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri(h),
        code_verifier: verifier,
      },
      'basic',
    );
    expect(result.status).toBe(200);
  });

  it('refuses a code used a second time', async () => {
    const { verifier, challenge } = pkcePair();
    const code = await codeFor(person(h, 0).id, {
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const form = {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri(h),
      code_verifier: verifier,
    };
    expect((await tokenCall(h, form)).status).toBe(200);
    const again = await tokenCall(h, form);
    expect(again.status).toBe(400);
    expect(again.body['error']).toBe('invalid_grant');
  });

  it('refuses a redirect_uri other than the one sent to /authorize', async () => {
    const code = await codeFor(person(h, 0).id);
    const result = await tokenCall(h, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: `${h.baseUrl}/other`,
    });
    expect(result).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('refuses a code after its ten minutes', async () => {
    const code = await codeFor(person(h, 0).id);
    h.sandbox.state.clock.offsetMs += 10 * 60_000 + 1;
    const result = await tokenCall(h, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri(h),
    });
    expect(result).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('refuses a JSON body in the Webex error shape', async () => {
    const response = await fetch(`${h.apiBase}/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'refresh_token',
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
      }),
    });
    expect([400, 415]).toContain(response.status);
    expect(await response.json()).toEqual({
      message: expect.any(String),
      errors: [{ description: expect.any(String) }],
      trackingId: response.headers.get('trackingid'),
    });
  });

  it('refuses a wrong client secret, an unknown grant type and a missing grant type', async () => {
    const wrongSecret = await fetch(`${h.apiBase}/access_token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: 'x',
        client_id: CLIENT_ID,
        client_secret: 'nope',
      }),
    });
    expect(wrongSecret.status).toBe(401);
    expect(await wrongSecret.json()).toMatchObject({ error: 'invalid_client' });
    expect(await tokenCall(h, { grant_type: 'password' })).toMatchObject({
      status: 400,
      body: { error: 'unsupported_grant_type' },
    });
    expect(await tokenCall(h, {})).toMatchObject({
      status: 400,
      body: { error: 'invalid_request' },
    });
  });
});
