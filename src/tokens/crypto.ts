/**
 * Token encryption at rest: AES-256-GCM with a fresh 12-byte IV per write. The person's id is
 * the additional authenticated data, so a blob copied onto another person fails to decrypt.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/** Stored tokens written with a key that is no longer configured (or tampered with). */
export class TokensUnreadable extends Error {
  override readonly name = 'TokensUnreadable';
}

export class TokenCipher {
  /** `keys[0]` encrypts; every key is tried when decrypting, newest first. */
  constructor(private readonly keys: Buffer[]) {
    if (keys.length === 0 || keys.some((key) => key.length !== 32)) {
      throw new Error('token encryption keys must be 32 bytes each');
    }
  }

  encrypt(plaintext: string, personId: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys[0]!, iv);
    cipher.setAAD(Buffer.from(personId, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return `${VERSION}.${Buffer.concat([iv, tag, ciphertext]).toString('base64')}`;
  }

  /** Returns the plaintext and whether it was written with an older key (and should be rewritten). */
  decrypt(blob: string, personId: string): { plaintext: string; stale: boolean } {
    const [version, encoded] = blob.split('.', 2);
    if (version !== VERSION || !encoded) throw new Error('unknown token blob format');
    const raw = Buffer.from(encoded, 'base64');
    const iv = raw.subarray(0, 12);
    const tag = raw.subarray(12, 28);
    const ciphertext = raw.subarray(28);
    for (const [index, key] of this.keys.entries()) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv);
        decipher.setAAD(Buffer.from(personId, 'utf8'));
        decipher.setAuthTag(tag);
        const plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString(
          'utf8',
        );
        return { plaintext, stale: index > 0 };
      } catch {
        // Wrong key or tampered blob: try the next key.
      }
    }
    throw new TokensUnreadable('stored tokens cannot be decrypted with the configured keys');
  }
}
