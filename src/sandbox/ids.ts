/**
 * Identifiers in Webex's own formats: resource ids are unpadded base64url of a
 * `ciscospark://us/<KIND>/<uuid>` URI, tracking ids are `ROUTERGW_<uuid>`, tokens are opaque.
 */
import { randomBytes, randomUUID } from 'node:crypto';

export type ResourceKind =
  'PEOPLE' | 'ROOM' | 'MESSAGE' | 'WEBHOOK' | 'ATTACHMENT_ACTION' | 'ORGANIZATION' | 'APPLICATION';

export function webexId(kind: ResourceKind, uuid: string = randomUUID()): string {
  return Buffer.from(`ciscospark://us/${kind}/${uuid}`, 'utf8').toString('base64url');
}

export function trackingId(): string {
  return `ROUTERGW_${randomUUID()}`;
}

/**
 * Access tokens look like `<opaque>_<CI cluster>_<org uuid>` at Webex; some clients split on `_`,
 * so the opaque part must not contain one (hex never does).
 */
export function opaqueToken(orgUuid: string): string {
  return `${randomBytes(40).toString('hex')}_PF84_${orgUuid}`;
}

/** Authorization codes and sign-in request ids: unguessable, URL-safe. */
export function randomCode(): string {
  return randomBytes(32).toString('base64url');
}
