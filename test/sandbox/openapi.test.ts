import { describe, expect, it } from 'vitest';
import { validateRequest, validateResponse } from './openapi.js';

describe('the OpenAPI validator', () => {
  it('finds the operation from a concrete path, with or without /sandbox and a query', () => {
    expect(validateResponse('GET', '/sandbox/webhooks/abc?max=1', 200, { id: 'abc' })).toEqual([]);
    expect(validateResponse('GET', 'http://localhost/v1/rooms/r1', 200, { id: 'r1' })).toEqual([]);
    expect(validateResponse('GET', '/nowhere', 200, {})[0]).toMatch(/no operation/);
  });

  it('reports wrong types and missing required fields with their location', () => {
    expect(validateResponse('GET', '/people/me', 200, { id: 42 })).toEqual([
      'GET /people/me 200: /id must be string',
    ]);
    expect(validateRequest('POST', '/attachment/actions', { type: 'submit' })).toEqual([
      "POST /attachment/actions request: / must have required property 'messageId'",
      "POST /attachment/actions request: / must have required property 'inputs'",
    ]);
  });

  it('checks card attachments by their documented shape, not the mis-generated File schema', () => {
    const card = {
      contentType: 'application/vnd.microsoft.card.adaptive',
      content: { type: 'AdaptiveCard' },
    };
    expect(validateResponse('GET', '/messages/m1', 200, { attachments: [card] })).toEqual([]);
    expect(
      validateResponse('GET', '/messages/m1', 200, { attachments: [{ content: {} }] }),
    ).toHaveLength(1);
  });

  it('checks error bodies against Webex’s error shape and 204s for emptiness', () => {
    const error = { message: 'x', errors: [{ description: 'x' }], trackingId: 'ROUTERGW_1' };
    expect(validateResponse('POST', '/messages', 400, error)).toEqual([]);
    expect(validateResponse('POST', '/messages', 400, { error: 'x' })).not.toEqual([]);
    expect(validateResponse('DELETE', '/messages/m1', 204, undefined)).toEqual([]);
    expect(validateResponse('DELETE', '/messages/m1', 204, { id: 'm1' })).not.toEqual([]);
    expect(validateResponse('GET', '/people/me', 299, {})[0]).toMatch(/not documented/);
  });
});
