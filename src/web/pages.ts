/** Deputy's pages: home, account and the error page. */
import type { ConnectedPerson, WebhookRecord } from '../people/person-store.js';
import type { StoredTokens } from '../tokens/expiry.js';
import { html, page } from './html.js';

export function homePage(options: { signedIn: boolean; sandbox: boolean }): string {
  return page(
    'Home',
    html`<h1>Deputy acts for you in Webex</h1>
      <p>
        Connect your Webex account once. Deputy then answers commands you type in any space, such as
        <code>/poll Lunch? | Pizza | Sushi</code> or <code>/help</code>, and replies as you with
        cards that everyone in the space can use.
      </p>
      ${
        options.sandbox
          ? html`<p class="card">
              This Deputy runs with its <strong>sandbox</strong>, a local stand-in for Webex: sign
              in as a sample person, then open <a href="/sandbox">the sandbox spaces</a> to type
              commands and press card buttons.
            </p>`
          : ''
      }
      <p>
        ${
          options.signedIn
            ? html`<a class="button" href="/account">Go to your account</a>`
            : html`<a class="button" href="/oauth/login">Connect with Webex</a>`
        }
      </p>`,
  );
}

export function accountPage(options: {
  person: ConnectedPerson;
  webhooks: { webhooks: WebhookRecord[]; live: boolean };
  tokens: StoredTokens | undefined;
  csrfToken: string;
  sandbox: boolean;
}): string {
  const { person, tokens } = options;
  const needsReconnect = person.state === 'reauth_required';
  return page(
    'Your account',
    html`<h1>${person.displayName || 'Your account'}</h1>
      <div class="card">
        <dl>
          <dt>Name</dt>
          <dd>${person.displayName}</dd>
          <dt>Email</dt>
          <dd>${person.email}</dd>
          <dt>Connection</dt>
          <dd>
            <span class="state ${person.state}"
              >${needsReconnect ? 'Reconnect needed' : 'Connected'}</span
            >
            <span class="muted">(${person.state})</span>
          </dd>
          <dt>Access token expires</dt>
          <dd>${formatTime(tokens?.accessTokenExpiresAt)}</dd>
          <dt>Refresh token expires</dt>
          <dd>${formatTime(tokens?.refreshTokenExpiresAt)}</dd>
        </dl>
      </div>
      ${
        needsReconnect
          ? html`<div class="card">
              <p>
                Webex no longer accepts Deputy's access for your account, so your commands are not
                answered. Connect again to continue.
              </p>
              <a class="button" href="/oauth/login">Reconnect</a>
            </div>`
          : html`<p>
              Deputy answers your commands in every space you are in. Type <code>/help</code> in a
              space to see
              them.${
                options.sandbox ? html` Try it in <a href="/sandbox">the sandbox spaces</a>.` : ''
              }
            </p>`
      }
      <h2>Webhooks</h2>
      <p class="muted">
        ${
          options.webhooks.live
            ? 'As Webex reports them now.'
            : 'As last recorded; Webex could not be asked just now.'
        }
        Last checked by Deputy: ${formatTime(person.webhooksCheckedAt)}.
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          ${options.webhooks.webhooks.map(
            (webhook) =>
              html`<tr>
                <td>${webhook.name}</td>
                <td>
                  <span class="state ${webhook.status === 'active' ? 'active' : 'inactive'}"
                    >${webhook.status}</span
                  >
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
      <h2>Disconnect</h2>
      <p class="muted">
        Deputy removes its webhooks from your Webex account and forgets your tokens.
      </p>
      <form method="post" action="/account/disconnect">
        <input type="hidden" name="csrf" value="${options.csrfToken}" />
        <button class="button secondary" type="submit">Disconnect</button>
      </form>`,
  );
}

export function errorPage(title: string, explanation: string): string {
  return page(
    title,
    html`<div class="error">
      <h1>${title}</h1>
      <p>${explanation}</p>
      <p class="actions">
        <a class="button" href="/oauth/login">Try again</a>
        <a href="/">Back to the home page</a>
      </p>
    </div>`,
  );
}

function formatTime(epochMs: number | undefined): string {
  if (epochMs === undefined) return 'not known';
  return new Date(epochMs).toUTCString();
}
