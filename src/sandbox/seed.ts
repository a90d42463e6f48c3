/**
 * The sample world a fresh sandbox starts with: four people in one org, three group spaces with
 * all of them as members, and a personal access token for each person. José's name and email are
 * non-ASCII on purpose, so that webhook bodies carry multi-byte UTF-8 and signature bugs show up.
 */
import { randomUUID } from 'node:crypto';
import { opaqueToken, webexId } from './ids.js';
import type { AccessGrant, SandboxPerson, SandboxRoom, SandboxState } from './state.js';

const SAMPLE_PEOPLE = [
  { firstName: 'Ada', lastName: 'Lovelace', email: 'ada.lovelace@example.com' },
  { firstName: 'Grace', lastName: 'Hopper', email: 'grace.hopper@example.com' },
  { firstName: 'José', lastName: 'Álvarez', email: 'josé.álvarez@example.com' },
  { firstName: 'Alan', lastName: 'Turing', email: 'alan.turing@example.com' },
];

const SAMPLE_SPACES = ['Team space', 'Lunch club', 'Café & cake'];

/** What the sandbox integration is registered for; `invalid_scope` for anything else. */
export const REGISTERED_SCOPES = [
  'spark:all',
  'spark:kms',
  'spark:people_read',
  'spark:rooms_read',
  'spark:rooms_write',
  'spark:messages_read',
  'spark:messages_write',
  'spark:memberships_read',
  'spark:memberships_write',
  'openid',
  'email',
  'profile',
];

/** Personal access tokens act with every scope, as on the developer portal. */
const PERSONAL_TOKEN_SCOPE = 'spark:all spark:kms';

export interface TokenLifetimes {
  accessTokenSeconds: number;
  refreshTokenSeconds: number;
}

export function createState(lifetimes: TokenLifetimes, startedAt = Date.now()): SandboxState {
  const orgUuid = randomUUID();
  const state: SandboxState = {
    org: { id: webexId('ORGANIZATION', orgUuid), uuid: orgUuid },
    apps: { integrationId: webexId('APPLICATION'), developerPortalId: webexId('APPLICATION') },
    people: [],
    rooms: new Map(),
    messages: new Map(),
    attachmentActions: new Map(),
    webhooks: new Map(),
    authorizationRequests: new Map(),
    authorizationCodes: new Map(),
    accessTokens: new Map(),
    refreshTokens: new Map(),
    deliveries: [],
    tokenCalls: [],
    calls: [],
    faults: [],
    settings: {
      rotateRefreshTokens: false,
      registeredScopes: [...REGISTERED_SCOPES],
      ...lifetimes,
      latencyMs: 0,
    },
    clock: { offsetMs: 0 },
  };
  const joined = new Date(startedAt - 400 * 86_400_000).toISOString();
  for (const sample of SAMPLE_PEOPLE) addPerson(state, sample, joined);
  const creator = state.people[0];
  if (!creator) throw new Error('the sandbox needs sample people');
  const opened = new Date(startedAt - 30 * 86_400_000).toISOString();
  for (const title of SAMPLE_SPACES) {
    const room: SandboxRoom = {
      id: webexId('ROOM'),
      title,
      type: 'group',
      memberIds: state.people.map((person) => person.id),
      creatorId: creator.id,
      created: opened,
      lastActivity: opened,
    };
    state.rooms.set(room.id, room);
  }
  return state;
}

/** Adds a person to the org with a personal access token; rooms are the caller's business. */
export function addPerson(
  state: SandboxState,
  sample: { firstName: string; lastName: string; email: string },
  created: string,
): SandboxPerson {
  const person: SandboxPerson = {
    id: webexId('PEOPLE'),
    email: sample.email,
    displayName: `${sample.firstName} ${sample.lastName}`,
    nickName: sample.firstName,
    firstName: sample.firstName,
    lastName: sample.lastName,
    created,
    personalAccessToken: opaqueToken(state.org.uuid),
  };
  state.people.push(person);
  const grant: AccessGrant = {
    personId: person.id,
    clientId: undefined,
    appId: state.apps.developerPortalId,
    scope: PERSONAL_TOKEN_SCOPE,
    // Real PATs last 12 hours; the sandbox keeps them for its lifetime so tests never juggle them.
    expiresAt: Number.POSITIVE_INFINITY,
  };
  state.accessTokens.set(person.personalAccessToken, grant);
  return person;
}

/** Adds `count` guests, members of every group space, for tests that need many voters. */
export function addGuests(state: SandboxState, count: number, created: string): SandboxPerson[] {
  const start = state.people.filter((person) => person.lastName === 'Guest').length;
  const guests = Array.from({ length: count }, (_, i) =>
    addPerson(
      state,
      {
        firstName: `Guest ${start + i + 1}`,
        lastName: 'Guest',
        email: `guest${start + i + 1}@example.com`,
      },
      created,
    ),
  );
  for (const room of state.rooms.values()) {
    if (room.type === 'group') room.memberIds.push(...guests.map((guest) => guest.id));
  }
  return guests;
}
