import type { Session } from '../../lib/auth/session.js';

/**
 * One mail of the local runtime's outbox. `/v1/dev/outbox` is mounted only in the local runtime
 * (never in AWS), so it is not in the deployed OpenAPI document nor in the generated client: the
 * shape is checked here at run time instead.
 */
export type OutboxMail = { id: string; to: string; subject: string; text: string; createdAt: string };

function isMail(value: unknown): value is OutboxMail {
  if (typeof value !== 'object' || value === null) return false;
  const mail = value as Record<string, unknown>;
  return ['id', 'to', 'subject', 'text', 'createdAt'].every((key) => typeof mail[key] === 'string');
}

/** The tenant's outgoing mail in the local runtime, newest first. */
export async function fetchDevOutbox(
  session: Pick<Session, 'accessToken'> | undefined,
  send: typeof globalThis.fetch = (input, init) => globalThis.fetch(input, init),
): Promise<OutboxMail[]> {
  const response = await send('/v1/dev/outbox', {
    headers: session ? { Authorization: `Bearer ${session.accessToken}` } : {},
  });
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
  const body: unknown = await response.json();
  const items = (body as { items?: unknown }).items;
  return Array.isArray(items) ? items.filter(isMail) : [];
}

/**
 * The link in an invitation mail. The API builds it as `<origin>/accept-invitation?token=…`.
 */
export function invitationLink(text: string): string | undefined {
  return /https?:\/\/\S+[?&]token=\S+/.exec(text)?.[0];
}
