/**
 * The sandbox's stand-in for the Webex sign-in and consent screen: pick a sample person, then
 * Accept or Decline. Decline needs no person, so it skips the form's required check.
 */
import { attr, layout, markup } from './html.js';
import type { AuthorizationRequest, SandboxPerson } from './state.js';

const SCOPE_TEXT: Record<string, string> = {
  'spark:kms': 'Interact with encrypted content',
  'spark:people_read': 'Read your company directory',
  'spark:rooms_read': 'List the titles of rooms you are in',
  'spark:rooms_write': 'Manage rooms on your behalf',
  'spark:messages_read': 'Read the content of rooms you are in',
  'spark:messages_write': 'Post and delete messages on your behalf',
  'spark:memberships_read': 'List people in the rooms you are in',
  'spark:memberships_write': 'Invite people to rooms on your behalf',
  'spark:all': 'Full access to your Webex account',
};

export function signInPage(
  requestId: string,
  request: AuthorizationRequest,
  people: SandboxPerson[],
  problem?: string,
): string {
  const hint = request.loginHint?.normalize('NFC').toLowerCase();
  const choices = people.map((person, index) => {
    const id = `person-${index}`;
    const checked = hint !== undefined && person.email.normalize('NFC').toLowerCase() === hint;
    return markup`<label class="choice" for="${id}">
  <input type="radio" id="${id}" name="personId" value="${person.id}" required${attr('checked', checked)}>
  ${person.displayName} <span class="meta">${person.email}</span>
</label>`;
  });
  const scopes = request.scope
    .split(' ')
    .filter((scope) => scope !== '')
    .map((scope) => markup`<li><code>${scope}</code> ${SCOPE_TEXT[scope] ?? ''}</li>`);
  const body = markup`<h1>Sign in to Webex (sandbox)</h1>
<p>The integration <strong>${request.clientId}</strong> asks to act for you in Webex with these
permissions:</p>
<ul>${scopes}</ul>
${problem ? markup`<p class="error" role="alert">${problem}</p>` : ''}
<form method="post" action="authorize" class="box">
  <input type="hidden" name="request" value="${requestId}">
  <fieldset>
    <legend>Sign in as</legend>
    ${choices}
  </fieldset>
  <p class="actions">
    <button type="submit" name="decision" value="accept">Accept</button>
    <button type="submit" name="decision" value="decline" class="secondary" formnovalidate>Decline</button>
  </p>
</form>
<p class="meta">This is the local sandbox, not Webex: no password is needed and nothing leaves
this computer.</p>`;
  return layout('Sign in', body);
}
