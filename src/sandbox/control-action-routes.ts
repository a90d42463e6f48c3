/**
 * The control API that changes the sandbox, for tests of Deputy's failure handling and for the
 * Controls page: revoke tokens, inject faults, add latency, mark webhooks, change token settings,
 * add guests.
 * Every route takes JSON (answered with JSON) or the page's form (answered with a redirect).
 */
import type { SandboxDeps, SandboxRouter } from './context.js';
import {
  applySettings,
  revokeTokens,
  setWebhookStatus,
  settingsView,
  webhookView,
} from './control-actions.js';
import {
  answerControl,
  optionalBoolean,
  optionalInteger,
  optionalString,
  requiredString,
} from './control-input.js';
import { addFault } from './faults.js';
import { addGuests } from './seed.js';
import { isoNow } from './state.js';

const DAY_SECONDS = 86_400;

export function registerControlActionRoutes(router: SandboxRouter, deps: SandboxDeps): void {
  const { state } = deps;

  router.post('/sandbox/control/revoke', (ctx) =>
    answerControl(ctx, ({ fields }) => {
      const personId = requiredString(fields, 'personId');
      const which = requiredString(fields, 'token');
      const revoked = revokeTokens(state, personId, which);
      return { body: { revoked }, notice: `Revoked ${revoked} token(s).` };
    }),
  );

  router.post('/sandbox/control/people', (ctx) =>
    answerControl(ctx, ({ fields }) => {
      const count = optionalInteger(fields, 'count', 1, 500) ?? 1;
      const guests = addGuests(state, count, isoNow(state));
      return {
        body: guests.map((p) => ({
          id: p.id,
          displayName: p.displayName,
          email: p.email,
          accessToken: p.personalAccessToken,
        })),
        notice: `Added ${guests.length} guest(s) to every group space.`,
      };
    }),
  );

  router.get('/sandbox/control/faults', (ctx) => {
    ctx.body = state.faults;
  });

  router.post('/sandbox/control/faults', (ctx) =>
    answerControl(ctx, ({ fields }) => {
      const fault = addFault(state, {
        route: requiredString(fields, 'route'),
        status: optionalInteger(fields, 'status', 100, 599) ?? Number.NaN,
        count: optionalInteger(fields, 'count', 1, 100_000) ?? 1,
        retryAfter: optionalInteger(fields, 'retryAfter', 0, DAY_SECONDS),
        personId: optionalString(fields, 'personId') || undefined,
      });
      return {
        body: fault,
        notice: `The next ${fault.count} call(s) to ${fault.route} answer ${fault.status}.`,
      };
    }),
  );

  const clearFaults = () => {
    const cleared = state.faults.length;
    state.faults.length = 0;
    return cleared;
  };
  router.delete('/sandbox/control/faults', (ctx) => {
    ctx.body = { cleared: clearFaults() };
  });
  // HTML forms cannot send DELETE; the Controls page posts here instead.
  router.post('/sandbox/control/faults/clear', (ctx) =>
    answerControl(ctx, () => {
      const cleared = clearFaults();
      return { body: { cleared }, notice: `Cleared ${cleared} fault(s).` };
    }),
  );

  router.post('/sandbox/control/latency', (ctx) =>
    answerControl(ctx, ({ fields }) => {
      const ms = optionalInteger(fields, 'ms', 0, 60_000) ?? 0;
      state.settings.latencyMs = ms;
      return {
        body: { ms },
        notice: ms === 0 ? 'Latency is off.' : `Every REST call waits ${ms} ms.`,
      };
    }),
  );

  router.post('/sandbox/control/webhooks/:id/status', (ctx) =>
    answerControl(ctx, ({ fields }) => {
      const webhook = setWebhookStatus(state, ctx.params['id'] ?? '', fields['status']);
      return {
        body: webhookView(webhook),
        notice: `Webhook ${webhook.name} is ${webhook.status}.`,
      };
    }),
  );

  router.get('/sandbox/control/settings', (ctx) => {
    ctx.body = settingsView(state);
  });

  router.post('/sandbox/control/settings', (ctx) =>
    answerControl(ctx, ({ fields }) => {
      const settings = applySettings(state, {
        rotateRefreshTokens: optionalBoolean(fields, 'rotateRefreshTokens'),
        accessTokenSeconds: optionalInteger(
          fields,
          'accessTokenSeconds',
          1,
          10 * 365 * DAY_SECONDS,
        ),
        refreshTokenSeconds: optionalInteger(
          fields,
          'refreshTokenSeconds',
          1,
          10 * 365 * DAY_SECONDS,
        ),
      });
      return { body: settings, notice: 'Settings saved.' };
    }),
  );
}
