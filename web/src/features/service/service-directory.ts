import { createResource } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi, useAuth } from '../../lib/auth/auth-context.js';
import { useUserDirectory } from '../../lib/auth/user-directory.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { serviceMessages } from './messages.js';

export type ServiceRequest = components['schemas']['ServiceRequestView'];
export type ServiceAssignee = components['schemas']['ServiceAssignee'];
type Department = components['schemas']['Department'];

/**
 * The tenant's users and teams (departments), to name assignees and actors; empty when the caller
 * may not list them (a partner, a member): then the caller is still named, anyone else generically.
 */
export function useServiceDirectory() {
  const api = useApi();
  const t = useMessages(serviceMessages);
  const { session } = useAuth();
  const { users, userName } = useUserDirectory(() => t('user.other'));
  // Teams are asked for only where the API answers (not partners): a refused request is a console error.
  const [departments] = createResource(
    () => (session() && session()?.user.role !== 'partner' ? true : undefined),
    () => unwrap(api.GET('/v1/complaints/departments')).catch(() => ({ items: [] as Department[] })),
  );
  const teamName = (departmentId: string) =>
    departments()?.items.find((department) => department.id === departmentId)?.name ?? departmentId;
  return {
    users,
    departments: () => departments()?.items ?? [],
    userName,
    teamName,
  };
}

export type ServiceDirectory = ReturnType<typeof useServiceDirectory>;
