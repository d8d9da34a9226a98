import { createResource } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';

export type ServiceRequest = components['schemas']['ServiceRequestView'];
export type ServiceAssignee = components['schemas']['ServiceAssignee'];
type User = components['schemas']['User'];
type Department = components['schemas']['Department'];

/** The tenant's users and teams (departments), to name assignees; empty when the caller may not list them. */
export function useServiceDirectory() {
  const api = useApi();
  const [users] = createResource(() => unwrap(api.GET('/v1/users')).catch(() => ({ items: [] as User[] })));
  const [departments] = createResource(() =>
    unwrap(api.GET('/v1/complaints/departments')).catch(() => ({ items: [] as Department[] })),
  );
  const userName = (userId: string) => {
    const user = users()?.items.find((candidate) => candidate.id === userId);
    return user ? user.name || user.email : userId;
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
