import { createResource, type Resource } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';

export type Me = components['schemas']['Me'];

/** Who is looking, from `/v1/me` (the role may have changed since login). */
export function useMe(): Resource<Me> {
  const api = useApi();
  return createResource(() => unwrap(api.GET('/v1/me')))[0];
}

export function isAdminRole(role: Me['role'] | undefined): boolean {
  return role === 'owner' || role === 'admin';
}
