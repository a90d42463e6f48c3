/**
 * Webex webhook signatures: `X-Spark-Signature` is the lowercase hex HMAC-SHA1 of the exact
 * request bytes, keyed with the webhook's secret. Re-serialised JSON would not match, so only
 * the raw bytes are ever signed or verified here.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signBody(secret: string, body: Buffer | string): string {
  return createHmac('sha1', secret).update(body).digest('hex');
}

const HEX_SHA1 = /^[0-9a-fA-F]{40}$/;

export function verifySignature(
  body: Buffer,
  secrets: readonly string[],
  header: string | undefined,
): boolean {
  if (header === undefined || !HEX_SHA1.test(header.trim())) return false;
  const received = Buffer.from(header.trim(), 'hex');
  let match = false;
  // Check every secret, so the time taken does not tell which one matched.
  for (const secret of secrets) {
    const expected = createHmac('sha1', secret).update(body).digest();
    if (expected.length === received.length && timingSafeEqual(expected, received)) match = true;
  }
  return match;
}
