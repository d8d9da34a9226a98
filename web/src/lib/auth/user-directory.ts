import { createResource } from 'solid-js';
import { unwrap } from '../api/errors.js';
import type { components } from '../api/schema.js';
import { useApi, useAuth } from './auth-context.js';

type User = components['schemas']['User'];

/**
 * The tenant's users, to name people by their ids: listed only for admins (the API refuses anyone
 * else, and a refused request is a console error), so the reader is named from the session and
 * anyone else by `otherwise` — never by the id.
 */
export function useUserDirectory(otherwise: () => string) {
  const api = useApi();
  const { session } = useAuth();
  const role = () => session()?.user.role;
  const [users] = createResource(
    () => (role() === 'owner' || role() === 'admin' ? true : undefined),
    () => unwrap(api.GET('/v1/users')).catch(() => ({ items: [] as User[] })),
  );
  const userName = (userId: string) => {
    const me = session()?.user;
    const user =
      users()?.items.find((candidate) => candidate.id === userId) ?? (me?.id === userId ? me : undefined);
    return user ? user.name || user.email : otherwise();
  };
  return { users: () => users()?.items ?? [], userName };
}
