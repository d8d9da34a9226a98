import type { Principal } from '@crm/app';

/** Hono's typed context: `c.var.principal` exists on every authenticated route. */
export type AppEnv = { Variables: { principal: Principal } };
