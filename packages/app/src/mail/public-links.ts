import { DomainError } from '@crm/domain';

/** Where links in mails point: the configured public URL, never a request's Host header. */
export type PublicUrl = string | (() => string);

/**
 * Builds `<public URL>/<path>?token=…`. The base comes only from configuration (`PUBLIC_URL` in
 * AWS, the printed URL in the local runtime), so a forged Host header cannot redirect a link.
 */
export function publicLink(base: PublicUrl | undefined, path: string, token?: string): string {
  const configured = typeof base === 'function' ? base() : base;
  if (!configured)
    throw new DomainError('invalid_state', 'PUBLIC_URL is not configured: mails cannot link back');
  const url = new URL(path, configured.endsWith('/') ? configured : `${configured}/`);
  if (token !== undefined) url.searchParams.set('token', token);
  return url.toString();
}

/** Whether links can be built at all (a host without PUBLIC_URL sends no mail with a link). */
export function hasPublicUrl(base: PublicUrl | undefined): boolean {
  return Boolean(typeof base === 'function' ? base() : base);
}
