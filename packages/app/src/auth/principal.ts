import type { Role } from '@crm/domain';

/** Who is calling, established only from a verified token or API key. */
export type Principal =
  | { kind: 'user'; tenantId: string; userId: string; role: Role }
  | { kind: 'apiKey'; tenantId: string; keyId: string; role: 'member'; scope: 'read' | 'write' };
