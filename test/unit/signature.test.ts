import { describe, expect, it } from 'vitest';
import { signBody, verifySignature } from '../../src/receiver/signature.js';

// F01: the body bytes exactly as Webex might send them, escapes and all (316 bytes).
const ESCAPED_BODY = String.raw`{"id":"WEBHOOK_ID","name":"alerts \ud83d\ude00","resource":"memberships","event":"created","data":{"id":"MEMBERSHIP_ID","roomId":"ROOM_ID","personDisplayName":"Jos\u00e9 \ud83d\ude80","personEmail":"user@example.invalid","created":"2024-01-01T00:00:00.000Z"},"targetUrl":"https:\/\/example.invalid\/webhooks\/webex"}`;
const SPACED_BODY =
  '{"id": "WEBHOOK_ID", "resource": "messages", "event": "created", "data": {"id": "MESSAGE_ID", "roomId": "ROOM_ID", "personId": "PERSON_ID"}}';

describe('webhook signatures', () => {
  it('signs the exact bytes with lowercase hex HMAC-SHA1', () => {
    expect(Buffer.byteLength(ESCAPED_BODY)).toBe(316);
    expect(signBody('test-secret', ESCAPED_BODY)).toBe('49a1d49bd4be05d557c2004df9c974afa4f26f28');
    expect(signBody('test-secret', SPACED_BODY)).toBe('86abacb8c6cbd9c748e064d16d88e7c4e825be8c');
  });

  it('accepts the signature made over the raw bytes', () => {
    expect(
      verifySignature(
        Buffer.from(ESCAPED_BODY),
        ['test-secret'],
        '49a1d49bd4be05d557c2004df9c974afa4f26f28',
      ),
    ).toBe(true);
    expect(
      verifySignature(
        Buffer.from(SPACED_BODY),
        ['test-secret'],
        '86abacb8c6cbd9c748e064d16d88e7c4e825be8c',
      ),
    ).toBe(true);
  });

  it('rejects a signature that was made over re-serialised JSON', () => {
    const reserialised = JSON.stringify(JSON.parse(ESCAPED_BODY));
    expect(Buffer.byteLength(reserialised)).toBe(292);
    expect(signBody('test-secret', reserialised)).toBe('e47e91e4223aa16a078c4a14c6d52cb4e42a70bc');
    expect(
      verifySignature(
        Buffer.from(ESCAPED_BODY),
        ['test-secret'],
        'e47e91e4223aa16a078c4a14c6d52cb4e42a70bc',
      ),
    ).toBe(false);
    expect(
      verifySignature(
        Buffer.from(SPACED_BODY),
        ['test-secret'],
        '9dba09d660b0fd1cfb3a7cf61b692c2a3ce6b3cf',
      ),
    ).toBe(false);
  });

  it('rejects missing, truncated, non-hex and wrong-secret signatures', () => {
    const body = Buffer.from(SPACED_BODY);
    const good = signBody('test-secret', body);
    expect(verifySignature(body, ['test-secret'], undefined)).toBe(false);
    expect(verifySignature(body, ['test-secret'], '')).toBe(false);
    expect(verifySignature(body, ['test-secret'], good.slice(0, 39))).toBe(false);
    expect(verifySignature(body, ['test-secret'], `${good}00`)).toBe(false);
    expect(verifySignature(body, ['test-secret'], 'z'.repeat(40))).toBe(false);
    expect(verifySignature(body, ['other-secret'], good)).toBe(false);
  });

  it('accepts a signature made with any of the given secrets', () => {
    const body = Buffer.from(SPACED_BODY);
    expect(
      verifySignature(body, ['new-secret', 'test-secret'], signBody('test-secret', body)),
    ).toBe(true);
  });
});
