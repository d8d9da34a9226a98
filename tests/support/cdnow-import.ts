import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { App } from '@crm/http';
import { expect } from 'vitest';
import { call, type SignedUpTenant } from './test-app.js';

const MAPPING = encodeURIComponent(JSON.stringify({ amount: 'dollar_value', quantity: 'number_of_cds' }));

/** The import query for CDNOW's transaction files: their layout, USD amounts, buyers created. */
export const CDNOW_TRANSACTIONS_QUERY = `kind=transactions&layout=cdnow&createMissingCustomers=true&currency=USD&mapping=${MAPPING}`;

/** The CDNOW master file (69,659 transactions of 23,570 buyers), read once per worker. */
export const cdnowMaster = (() => {
  let text: string | undefined;
  return (): string => {
    text ??= readFileSync(
      resolve(import.meta.dirname, '../../../shared/data/cdnow/CDNOW_master.txt'),
      'utf8',
    );
    return text;
  };
})();

/**
 * A tenant holding the first `lines` lines of the CDNOW master as its orders, in USD (the
 * tenant's currency set to match): what the refit suites fit on.
 */
export async function importCdnowMaster(app: App, owner: SignedUpTenant, lines: number): Promise<void> {
  const tenant = await call(app, 'GET', '/v1/tenant', { auth: owner.auth });
  await call(app, 'PATCH', '/v1/tenant', {
    auth: owner.auth,
    body: { settings: { defaultCurrency: 'USD' }, version: tenant.body.version },
  });
  const response = await app.request(`/v1/imports?${CDNOW_TRANSACTIONS_QUERY}`, {
    method: 'POST',
    headers: { ...owner.auth, 'content-type': 'text/csv' },
    body: cdnowMaster().split('\n').slice(0, lines).join('\n'),
  });
  expect(response.status).toBe(201);
}
