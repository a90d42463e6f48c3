/** The address of a space's page, optionally with who is writing and other query parameters. */
export function spacePath(
  roomId: string,
  personId?: string,
  extra: Record<string, string> = {},
): string {
  const query = new URLSearchParams({ ...(personId ? { as: personId } : {}), ...extra }).toString();
  return `/sandbox/spaces/${encodeURIComponent(roomId)}${query ? `?${query}` : ''}`;
}
