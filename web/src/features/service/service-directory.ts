import { createResource } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi, useAuth } from '../../lib/auth/auth-context.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { serviceMessages } from './messages.js';

export type ServiceRequest = components['schemas']['ServiceRequestView'];
export type ServiceAssignee = components['schemas']['ServiceAssignee'];
type User = components['schemas']['User'];
type Department = components['schemas']['Department'];

/**
 * The tenant's users and teams (departments), to name assignees and actors; empty when the caller
 * may not list them (a partner, a member): then the caller is still named, anyone else generically.
 */
export function useServiceDirectory() {
  const api = useApi();
  const t = useMessages(serviceMessages);
  const { session } = useAuth();
  // Asked only of the API when it answers the reader (users: admins; teams: not partners): a refused
  // request is a console error on every page that names an assignee.
  const role = () => session()?.user.role;
  const [users] = createResource(
    () => (role() === 'owner' || role() === 'admin' ? true : undefined),
    () => unwrap(api.GET('/v1/users')).catch(() => ({ items: [] as User[] })),
  );
  const [departments] = createResource(
    () => (role() !== undefined && role() !== 'partner' ? true : undefined),
    () => unwrap(api.GET('/v1/complaints/departments')).catch(() => ({ items: [] as Department[] })),
  );
  const userName = (userId: string) => {
    const me = session()?.user;
    const user =
      users()?.items.find((candidate) => candidate.id === userId) ?? (me?.id === userId ? me : undefined);
    return user ? user.name || user.email : t('user.other');
  };
  const teamName = (departmentId: string) =>
    departments()?.items.find((department) => department.id === departmentId)?.name ?? departmentId;
  return {
    users: () => users()?.items ?? [],
    departments: () => departments()?.items ?? [],
    userName,
    teamName,
  };
}

export type ServiceDirectory = ReturnType<typeof useServiceDirectory>;
