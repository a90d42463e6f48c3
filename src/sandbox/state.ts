/**
 * The sandbox's whole world, in memory: sample people, rooms, messages, webhooks, OAuth grants,
 * pending faults and the records tests inspect (deliveries, token-endpoint calls, REST calls).
 * Plain data so tests and the control routes can read and adjust it; behaviour lives in the
 * modules that take a state.
 */
import type { CallRecord, DeliveryRecord, Fault, TokenCallRecord } from './records.js';

export type { CallRecord, DeliveryRecord, Fault, FaultStatus, TokenCallRecord } from './records.js';

export interface SandboxPerson {
  id: string;
  email: string;
  displayName: string;
  nickName: string;
  firstName: string;
  lastName: string;
  created: string;
  /** Like the token shown on Webex's developer portal: lets tests and the page act as this person. */
  personalAccessToken: string;
}

export type RoomType = 'direct' | 'group';

export interface SandboxRoom {
  id: string;
  title: string;
  type: RoomType;
  memberIds: string[];
  creatorId: string;
  created: string;
  lastActivity: string;
}

export interface CardAttachment {
  contentType: string;
  content: Record<string, unknown>;
}

export interface SandboxMessage {
  id: string;
  roomId: string;
  roomType: RoomType;
  personId: string;
  personEmail: string;
  parentId?: string;
  toPersonId?: string;
  toPersonEmail?: string;
  text?: string;
  markdown?: string;
  html?: string;
  files?: string[];
  attachments?: CardAttachment[];
  mentionedPeople?: string[];
  mentionedGroups?: string[];
  created: string;
}

export interface SandboxAttachmentAction {
  id: string;
  type: 'submit';
  messageId: string;
  inputs: Record<string, unknown>;
  personId: string;
  roomId: string;
  created: string;
}

export type WebhookStatus = 'active' | 'inactive';

export interface SandboxWebhook {
  id: string;
  name: string;
  targetUrl: string;
  resource: string;
  event: string;
  filter?: string;
  secret?: string;
  status: WebhookStatus;
  created: string;
  orgId: string;
  createdBy: string;
  appId: string;
  ownedBy: 'creator';
  /** Epoch ms of recent failed deliveries, for the auto-disable rule. */
  failures: number[];
  /** Set when a hook is re-activated soon after being disabled: one failure disables it again. */
  strictUntil?: number;
  disabledAt?: number;
}

export interface AccessGrant {
  personId: string;
  /** The integration's client id; undefined for personal access tokens. */
  clientId: string | undefined;
  appId: string;
  scope: string;
  expiresAt: number;
}

export interface RefreshGrant {
  personId: string;
  clientId: string;
  appId: string;
  scope: string;
  expiresAt: number;
}

export type CodeChallengeMethod = 'S256' | 'plain';

/** A sign-in page that was shown and not yet answered. */
export interface AuthorizationRequest {
  clientId: string;
  redirectUri: string;
  scope: string;
  state: string | undefined;
  codeChallenge: string | undefined;
  codeChallengeMethod: CodeChallengeMethod | undefined;
  loginHint: string | undefined;
  expiresAt: number;
}

export interface AuthorizationCode {
  personId: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  codeChallenge: string | undefined;
  codeChallengeMethod: CodeChallengeMethod | undefined;
  expiresAt: number;
}

export interface SandboxSettings {
  /** Webex keeps the refresh token on refresh; tests can turn rotation on to cover both cases. */
  rotateRefreshTokens: boolean;
  /** Scopes registered on the sandbox integration; asking for others is `invalid_scope`. */
  registeredScopes: string[];
  /** Lifetimes of the tokens issued from now on (Webex: 1209599 and 7775999 seconds). */
  accessTokenSeconds: number;
  refreshTokenSeconds: number;
  /** Every REST call waits this long after it was handled, before it is answered. */
  latencyMs: number;
}

export interface SandboxState {
  org: { id: string; uuid: string };
  /** The integration Deputy signs in with; PATs belong to the developer portal app instead. */
  apps: { integrationId: string; developerPortalId: string };
  people: SandboxPerson[];
  rooms: Map<string, SandboxRoom>;
  /** Insertion order is creation order. */
  messages: Map<string, SandboxMessage>;
  attachmentActions: Map<string, SandboxAttachmentAction>;
  webhooks: Map<string, SandboxWebhook>;
  authorizationRequests: Map<string, AuthorizationRequest>;
  authorizationCodes: Map<string, AuthorizationCode>;
  accessTokens: Map<string, AccessGrant>;
  refreshTokens: Map<string, RefreshGrant>;
  deliveries: DeliveryRecord[];
  tokenCalls: TokenCallRecord[];
  /** REST calls the sandbox answered, oldest first, bodies redacted; capped in call-log.ts. */
  calls: CallRecord[];
  /** Faults to inject, consumed in order by the calls they match. */
  faults: Fault[];
  settings: SandboxSettings;
  /** Added to the wall clock everywhere the sandbox reads time, so tests can expire tokens. */
  clock: { offsetMs: number };
}

export function now(state: SandboxState): number {
  return Date.now() + state.clock.offsetMs;
}

export function isoNow(state: SandboxState): string {
  return new Date(now(state)).toISOString();
}

export function findPerson(state: SandboxState, personId: string): SandboxPerson | undefined {
  return state.people.find((person) => person.id === personId);
}

export function findPersonByEmail(state: SandboxState, email: string): SandboxPerson | undefined {
  const wanted = email.normalize('NFC').toLowerCase();
  return state.people.find((person) => person.email.normalize('NFC').toLowerCase() === wanted);
}

export function isMember(room: SandboxRoom, personId: string): boolean {
  return room.memberIds.includes(personId);
}
