/**
 * Every Redis key Deputy writes, in one place, all under the deployment's KEY_PREFIX.
 * BullMQ's own keys use the same prefix through its `prefix` option.
 */
export class Keys {
  constructor(readonly prefix: string) {}

  oauthState(state: string) {
    return `${this.prefix}:oauth-state:${state}`;
  }
  session(sessionId: string) {
    return `${this.prefix}:session:${sessionId}`;
  }
  /** Every browser session of one person, so disconnecting signs them all out. */
  personSessions(personId: string) {
    return `${this.prefix}:person-sessions:${personId}`;
  }
  person(personId: string) {
    return `${this.prefix}:person:${personId}`;
  }
  /** A set of the ids of everyone connected, for the reconciler. */
  people() {
    return `${this.prefix}:people`;
  }
  tokens(personId: string) {
    return `${this.prefix}:tokens:${personId}`;
  }
  /** Set once the person was warned that their refresh token ends soon. */
  refreshWarning(personId: string) {
    return `${this.prefix}:refresh-warning:${personId}`;
  }
  refreshLock(personId: string) {
    return `${this.prefix}:refresh-lock:${personId}`;
  }
  /** How many of the person's events are queued or running; see queue/backlog.ts. */
  backlog(personId: string) {
    return `${this.prefix}:backlog:${personId}`;
  }
  backlogSequence(personId: string) {
    return `${this.prefix}:backlog-seq:${personId}`;
  }
  /** Ids of messages Deputy posted, so their own webhooks are skipped. */
  ownMessage(messageId: string) {
    return `${this.prefix}:own-message:${messageId}`;
  }
  /** Posts in flight for one person in one room, whose message ids are not known yet. */
  pendingPosts(personId: string, roomId: string) {
    return `${this.prefix}:posts-in-flight:${personId}:${roomId}`;
  }
  /** The message a job already posted as its n-th reply, so a re-run does not post again. */
  sentReply(jobKey: string, index: number) {
    return `${this.prefix}:sent-reply:${jobKey}:${index}`;
  }
  poll(pollId: string) {
    return `${this.prefix}:poll:${pollId}`;
  }
  pollVotes(pollId: string) {
    return `${this.prefix}:poll:${pollId}:votes`;
  }
}
