import { createResource } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi, useAuth } from '../../lib/auth/auth-context.js';

type User = components['schemas']['User'];

/**
 * A deal owner's name from their user id: the tenant's users when the reader may list them (admins),
 * else the reader themself; `otherwise` for anyone else, never the id.
 */
export function useOwnerName(otherwise: () => string) {
  const api = useApi();
  const { session } = useAuth();
  const [users] = createResource(() => unwrap(api.GET('/v1/users')).catch(() => ({ items: [] as User[] })));
  return (userId: string) => {
    const me = session()?.user;
    const user =
      users()?.items.find((candidate) => candidate.id === userId) ?? (me?.id === userId ? me : undefined);
    return user ? user.name || user.email : otherwise();
  };
}
