import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TokenCipher } from '../../src/tokens/crypto.js';

describe('token encryption', () => {
  const key = randomBytes(32);

  it('round-trips and never stores the plaintext', () => {
    const cipher = new TokenCipher([key]);
    const blob = cipher.encrypt('{"accessToken":"AT_SECRET"}', 'PERSON');
    expect(blob).not.toContain('AT_SECRET');
    expect(cipher.decrypt(blob, 'PERSON')).toEqual({
      plaintext: '{"accessToken":"AT_SECRET"}',
      stale: false,
    });
  });

  it('uses a new IV each time', () => {
    const cipher = new TokenCipher([key]);
    expect(cipher.encrypt('same', 'P')).not.toBe(cipher.encrypt('same', 'P'));
  });

  it('refuses a blob moved to another person or tampered with', () => {
    const cipher = new TokenCipher([key]);
    const blob = cipher.encrypt('tokens', 'PERSON_A');
    expect(() => cipher.decrypt(blob, 'PERSON_B')).toThrow(/cannot be decrypted/);
    const raw = Buffer.from(blob.slice(3), 'base64');
    raw[raw.length - 1] = raw[raw.length - 1]! ^ 1;
    expect(() => cipher.decrypt(`v1.${raw.toString('base64')}`, 'PERSON_A')).toThrow(
      /cannot be decrypted/,
    );
  });

  it('reads blobs of a previous key and says they should be rewritten', () => {
    const old = randomBytes(32);
    const blob = new TokenCipher([old]).encrypt('tokens', 'P');
    expect(new TokenCipher([key, old]).decrypt(blob, 'P')).toEqual({
      plaintext: 'tokens',
      stale: true,
    });
    expect(() => new TokenCipher([key]).decrypt(blob, 'P')).toThrow();
  });
});
