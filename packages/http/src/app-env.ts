import type { Principal } from '@crm/app';

/**
 * Hono's typed context: `c.var.principal` exists on every authenticated route; `clientAddress`
 * on every route whose host says where requests come from (AppDeps.clientAddress).
 */
export type AppEnv = { Variables: { principal: Principal; clientAddress: string | undefined } };
