/** Outcomes of acting as a person that end a job without retry. */

/** The person's refresh token was refused: only a new authorization in the browser helps. */
export class ReauthRequired extends Error {
  override readonly name = 'ReauthRequired';
  constructor(readonly personId: string) {
    super('the person must reconnect Deputy: Webex refused their refresh token');
  }
}

/** The person is not (or no longer) connected: there are no tokens to act with. */
export class NotConnected extends Error {
  override readonly name = 'NotConnected';
  constructor(readonly personId: string) {
    super('the person is not connected');
  }
}
