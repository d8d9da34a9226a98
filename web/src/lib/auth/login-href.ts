/** The login screen's address that brings the user back to `next` afterwards. */
export function loginHref(next: string, options: { expired?: boolean } = {}): string {
  const params = new URLSearchParams();
  if (next && next !== '/' && !next.startsWith('/login')) params.set('next', next);
  if (options.expired) params.set('expired', '1');
  const query = params.toString();
  return query ? `/login?${query}` : '/login';
}

/** Where to go after logging in: only same-origin paths, never another site. */
export function safeNext(next: string | undefined): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/dashboard';
}
