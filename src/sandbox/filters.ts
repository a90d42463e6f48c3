/**
 * Webhook filters: `key=value` pairs joined with `&`, a subset of the resource's list-API query
 * parameters (webex-api.md §3 "Filters"). Parsing validates the keys when the hook is created;
 * matching decides, per event, whether a hook delivers.
 */
import type { SandboxAttachmentAction, SandboxMessage } from './state.js';

export type Filter = Map<string, string>;

const KEYS_BY_RESOURCE: Record<string, readonly string[]> = {
  messages: [
    'roomId',
    'roomType',
    'personId',
    'personEmail',
    'mentionedPeople',
    'hasFiles',
    'hasAttachments',
  ],
  attachmentActions: ['messageId', 'personId', 'roomId'],
  memberships: ['roomId', 'personId', 'personEmail', 'isModerator'],
  rooms: ['type', 'isLocked'],
};

const parsedFilters = new Map<string, Filter | string>();

/**
 * `parseFilter` for the hooks consulted on every event: their few distinct filters are parsed
 * once. The result must not be changed.
 */
export function filterOf(resource: string, filter: string | undefined): Filter | string {
  const key = `${resource}\n${filter ?? ''}`;
  let parsed = parsedFilters.get(key);
  if (parsed === undefined) {
    if (parsedFilters.size >= 1_000) parsedFilters.clear();
    parsed = parseFilter(resource, filter);
    parsedFilters.set(key, parsed);
  }
  return parsed;
}

/** Returns the parsed filter, or a problem to report as a 400. */
export function parseFilter(resource: string, filter: string | undefined): Filter | string {
  const parsed: Filter = new Map();
  if (filter === undefined || filter.trim() === '') return parsed;
  const allowed = KEYS_BY_RESOURCE[resource];
  for (const pair of filter.split('&')) {
    const separator = pair.indexOf('=');
    const key = separator < 0 ? pair : pair.slice(0, separator);
    if (separator < 0 || key === '') return `invalid filter: ${pair}`;
    let value: string;
    try {
      value = decodeURIComponent(pair.slice(separator + 1));
    } catch {
      return `invalid value for filter: ${key}`;
    }
    if (allowed && !allowed.includes(key)) return `unsupported filter for ${resource}: ${key}`;
    parsed.set(key, value);
  }
  return parsed;
}

const sameEmail = (a: string, b: string): boolean =>
  a.normalize('NFC').toLowerCase() === b.normalize('NFC').toLowerCase();

export function messageMatches(filter: Filter, message: SandboxMessage, ownerId: string): boolean {
  for (const [key, value] of filter) {
    switch (key) {
      case 'roomId':
      case 'roomType':
      case 'personId':
        if (message[key] !== value) return false;
        break;
      case 'personEmail':
        if (!sameEmail(message.personEmail, value)) return false;
        break;
      case 'mentionedPeople': {
        const wanted = value.split(',').map((id) => (id.trim() === 'me' ? ownerId : id.trim()));
        if (!wanted.some((id) => message.mentionedPeople?.includes(id))) return false;
        break;
      }
      case 'hasFiles':
        if ((message.files !== undefined && message.files.length > 0) !== (value === 'true')) {
          return false;
        }
        break;
      case 'hasAttachments':
        if (
          (message.attachments !== undefined && message.attachments.length > 0) !==
          (value === 'true')
        ) {
          return false;
        }
        break;
      default:
        return false;
    }
  }
  return true;
}

export function attachmentActionMatches(filter: Filter, action: SandboxAttachmentAction): boolean {
  for (const [key, value] of filter) {
    if (key !== 'messageId' && key !== 'personId' && key !== 'roomId') return false;
    if (action[key] !== value) return false;
  }
  return true;
}
