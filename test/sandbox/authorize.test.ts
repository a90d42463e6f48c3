import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { person, startSandbox, type Harness } from './harness.js';
import { authorizeQuery, openAuthorize, redirectUri, signIn } from './oauth-flow.js';

let h: Harness;
beforeEach(async () => {
  h = await startSandbox();
});
afterEach(async () => {
  await h.close();
});

describe('GET /authorize', () => {
  it('shows a sign-in page with a labelled radio button per sample person', async () => {
    const response = await openAuthorize(h, authorizeQuery(h));
    const html = await response.text();
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('trackingid')).toMatch(/^ROUTERGW_/);
    for (const [index, p] of h.people.entries()) {
      expect(html).toContain(`<label class="choice" for="person-${index}">`);
      expect(html).toContain(p.displayName.replace('&', '&amp;'));
    }
    expect(html).toContain('value="accept"');
    expect(html).toContain('value="decline"');
  });

  it('redirects with the code and the unchanged state after Accept', async () => {
    const back = await signIn(h, authorizeQuery(h), {
      personId: person(h, 0).id,
      decision: 'accept',
    });
    expect(`${back.origin}${back.pathname}`).toBe(redirectUri(h));
    expect(back.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(back.searchParams.get('state')).toBe('state-123');
  });

  it('redirects with error=access_denied after Decline', async () => {
    const back = await signIn(h, authorizeQuery(h), { decision: 'decline' });
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('state-123');
    expect(back.searchParams.has('code')).toBe(false);
  });

  it('redirects with error=invalid_scope for an unregistered or missing scope', async () => {
    for (const scope of ['spark:kms spark:telepathy', '']) {
      const response = await openAuthorize(h, authorizeQuery(h, { scope }));
      expect(response.status).toBe(302);
      const back = new URL(response.headers.get('location') ?? '');
      expect(back.searchParams.get('error')).toBe('invalid_scope');
      expect(back.searchParams.get('error_description')).toBeTruthy();
      expect(back.searchParams.get('state')).toBe('state-123');
    }
  });

  it('answers 400 without redirecting for a foreign redirect_uri or an unknown client_id', async () => {
    for (const query of [
      authorizeQuery(h, { redirect_uri: 'https://evil.example/callback' }),
      authorizeQuery(h, { redirect_uri: `${h.baseUrl}.evil.example/callback` }),
      authorizeQuery(h, { client_id: 'someone-else' }),
    ]) {
      const response = await openAuthorize(h, query);
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(response.headers.get('content-type')).toContain('text/html');
    }
  });
});
