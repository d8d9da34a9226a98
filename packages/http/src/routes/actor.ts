import type { Principal } from '@crm/app';

/** The tenant and the id recorded as the actor: the user, or `apikey:<id>` for integrations. */
export function actorOf(principal: Principal): { tenantId: string; actorId: string } {
  return {
    tenantId: principal.tenantId,
    actorId: principal.kind === 'user' ? principal.userId : `apikey:${principal.keyId}`,
  };
}
