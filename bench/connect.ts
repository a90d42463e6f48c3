/**
 * Connects a sample person the way a person does: Deputy's login page, the sandbox's sign-in
 * page, Accept, and back to /account. Deputy then holds their tokens and has registered their two
 * webhooks at the sandbox, so the sandbox delivers their messages to the receiver.
 */
import { TestBrowser } from '../test/support/http.js';

export async function connectPerson(webBase: string, personId: string): Promise<void> {
  const browser = new TestBrowser(webBase);
  const login = await browser.get('/oauth/login');
  if (login.status !== 302 || !login.location) throw new Error(`login answered ${login.status}`);
  const signIn = await browser.get(login.location);
  const requestId = /name="request" value="([^"]+)"/.exec(signIn.text)?.[1];
  if (!requestId) throw new Error('no sign-in request on the sandbox page');
  const accepted = await browser.postForm('/sandbox/authorize', {
    request: requestId,
    personId,
    decision: 'accept',
  });
  if (!accepted.location) throw new Error(`the sandbox sign-in answered ${accepted.status}`);
  const account = await browser.follow(accepted.location);
  if (!account.url.endsWith('/account')) {
    throw new Error(`connecting ended on ${account.url} with ${account.status}`);
  }
}
