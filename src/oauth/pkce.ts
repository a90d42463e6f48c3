/** PKCE (RFC 7636) with S256, and the random values of an authorization request. */
import { createHash, randomBytes } from 'node:crypto';

/** 64 characters from the unreserved set, within the 43 to 128 that RFC 7636 allows. */
export function createCodeVerifier(): string {
  return randomBytes(48).toString('base64url');
}

export function codeChallengeS256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
