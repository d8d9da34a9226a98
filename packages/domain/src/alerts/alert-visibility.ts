import { isAdmin, type Role } from '../user.schema.js';
import type { AlertType } from './alert.schema.js';

/**
 * The alert types a role does not see in the inbox. A webhook alert names an endpoint's URL and
 * why it was turned off: endpoints are an admin's configuration (the webhooks screen is theirs),
 * so the admins are the ones told, and a member or an API key never reads or acts on it.
 */
export function alertTypesHiddenFrom(role: Role): readonly AlertType[] {
  return isAdmin(role) ? [] : ['webhook'];
}
