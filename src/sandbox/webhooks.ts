/**
 * Webhook registrations: the create and update rules of `POST/PUT /webhooks` (required fields,
 * known resources and events, valid filters, `status` only ever set back to `active`), and the
 * ownership rule that a hook belongs to one person and the app whose token created it.
 */
import { requireScope, type Caller } from './bearer.js';
import { ApiError, badRequest, notFound } from './errors.js';
import { parseFilter } from './filters.js';
import { webexId } from './ids.js';
import { isMember, isoNow, now, type SandboxState, type SandboxWebhook } from './state.js';

const RESOURCES = [
  'attachmentActions',
  'dataSources',
  'memberships',
  'messages',
  'rooms',
  'meetings',
  'recordings',
  'convergedRecordings',
  'meetingParticipants',
  'meetingTranscripts',
  'telephony_calls',
  'telephony_conference',
  'telephony_mwi',
  'uc_counters',
  'serviceApp',
  'adminBatchJobs',
  'all',
];
const EVENTS = [
  'created',
  'updated',
  'deleted',
  'started',
  'ended',
  'joined',
  'left',
  'migrated',
  'authorized',
  'deauthorized',
  'statusChanged',
  'all',
];
/** Creating a hook needs the read scope of its resource (webex-api.md §1 "Scopes"). */
const READ_SCOPE: Record<string, string> = {
  messages: 'spark:messages_read',
  attachmentActions: 'spark:messages_read',
  memberships: 'spark:memberships_read',
  rooms: 'spark:rooms_read',
};
const REENABLE_GRACE_MS = 5 * 60_000;

export function ownsWebhook(caller: Caller, webhook: SandboxWebhook): boolean {
  return webhook.createdBy === caller.person.id && webhook.appId === caller.grant.appId;
}

export function ownedWebhook(state: SandboxState, caller: Caller, id: string): SandboxWebhook {
  const webhook = state.webhooks.get(id);
  if (!webhook || !ownsWebhook(caller, webhook)) throw notFound('webhook');
  return webhook;
}

export function createWebhook(
  state: SandboxState,
  caller: Caller,
  body: Record<string, unknown>,
): SandboxWebhook {
  const name = requiredString(body, 'name');
  const targetUrl = requiredUrl(body);
  const resource = requiredString(body, 'resource');
  const event = requiredString(body, 'event');
  if (!RESOURCES.includes(resource)) throw badRequest(`Unknown resource: ${resource}`);
  if (!EVENTS.includes(event)) throw badRequest(`Unknown event: ${event}`);
  if (resource === 'all' && event !== 'all') throw badRequest('resource all requires event all');
  const scope = READ_SCOPE[resource];
  if (scope) requireScope(caller, scope);
  const filter = optionalString(body, 'filter');
  const parsed = parseFilter(resource, filter);
  if (typeof parsed === 'string') throw badRequest(parsed);
  const roomId = parsed.get('roomId');
  const room = roomId === undefined ? undefined : state.rooms.get(roomId);
  if (roomId !== undefined && (!room || !isMember(room, caller.person.id))) {
    throw badRequest('invalid value for filter: roomId');
  }
  const ownedBy = optionalString(body, 'ownedBy');
  if (ownedBy !== undefined && ownedBy !== 'creator') {
    throw new ApiError(403, 'Only an organization administrator may create org-owned webhooks.');
  }
  const secret = optionalString(body, 'secret');
  const webhook: SandboxWebhook = {
    id: webexId('WEBHOOK'),
    name,
    targetUrl,
    resource,
    event,
    ...(filter !== undefined && filter !== '' ? { filter } : {}),
    ...(secret !== undefined ? { secret } : {}),
    status: 'active',
    created: isoNow(state),
    orgId: state.org.id,
    createdBy: caller.person.id,
    appId: caller.grant.appId,
    ownedBy: 'creator',
    failures: [],
  };
  state.webhooks.set(webhook.id, webhook);
  return webhook;
}

/** PUT: `name` and `targetUrl` required; `secret` and `status` (only `active`) updatable. */
export function updateWebhook(
  state: SandboxState,
  webhook: SandboxWebhook,
  body: Record<string, unknown>,
): SandboxWebhook {
  const name = requiredString(body, 'name');
  const targetUrl = requiredUrl(body);
  const secret = optionalString(body, 'secret');
  const status = optionalString(body, 'status');
  if (status !== undefined && status !== 'active') {
    throw badRequest('status may only be set to active');
  }
  webhook.name = name;
  webhook.targetUrl = targetUrl;
  if (secret !== undefined) webhook.secret = secret;
  if (status === 'active' && webhook.status !== 'active') {
    const time = now(state);
    webhook.status = 'active';
    webhook.failures = [];
    // Webex: re-enabled within five minutes of being disabled, one failure disables it again.
    if (webhook.disabledAt !== undefined && time - webhook.disabledAt < REENABLE_GRACE_MS) {
      webhook.strictUntil = time + REENABLE_GRACE_MS;
    }
  }
  return webhook;
}

function requiredString(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value.trim() === '') throw badRequest(`${name} is required`);
  return value;
}

function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(`${name} must be a string`);
  return value;
}

function requiredUrl(body: Record<string, unknown>): string {
  const value = requiredString(body, 'targetUrl');
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return value;
  } catch {
    // Reported below, like any other malformed targetUrl.
  }
  throw badRequest('targetUrl must be an http or https URL');
}
