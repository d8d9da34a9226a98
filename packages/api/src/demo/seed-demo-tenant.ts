import { type Contact, newId } from '@crm/domain';
import {
  IdentityRepository,
  ImportRepository,
  keys,
  sharedClientFactory,
  type TableClient,
  TenantRepository,
  TenantTable,
  toItem,
} from '@crm/dynamodb';
import { AuthService } from '../auth/auth.service.js';
import type { PasswordHasher } from '../auth/password-hasher.js';
import type { SigningKeyProvider } from '../auth/signing-key.js';
import { ImportService } from '../imports/import.service.js';
import { demoContacts, demoCustomersCsv, demoProfiles } from './demo-profiles.js';

export const DEMO_EMAIL = 'demo@example.com';
export const DEMO_PASSWORD = 'demo-password-2026';
/** The last day in the CDNOW data. */
const CDNOW_LAST_DAY = Date.UTC(1998, 5, 30);
const DAY_MS = 86_400_000;

export type DemoSeedInput = {
  table: TableClient;
  /** The CDNOW master file's text (shared/data/cdnow/CDNOW_master.txt). */
  cdnowMaster: string;
  hasher: PasswordHasher;
  signingKey: SigningKeyProvider;
  log: (message: string) => void;
  clock?: () => Date;
};

/** Days to add to CDNOW dates so the data ends yesterday: recency and P(alive) mean something today. */
export function cdnowShiftDays(today: Date): number {
  const yesterday = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - DAY_MS;
  return Math.round((yesterday - CDNOW_LAST_DAY) / DAY_MS);
}

/**
 * The demo tenant: the CDNOW customers with realistic names, their purchases as orders (dollars
 * to cents, dates shifted to end yesterday), and contacts for the businesses. It goes through the
 * same sign-up and import code a real tenant uses.
 */
export async function seedDemoTenant(input: DemoSeedInput): Promise<{ summary: string; tenantId?: string }> {
  const clock = input.clock ?? (() => new Date());
  const started = performance.now();
  const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
  if (await new IdentityRepository(input.table).getIdentity({ email: DEMO_EMAIL })) {
    return { summary: `${DEMO_EMAIL} exists already; left as it is` };
  }
  const auth = new AuthService({
    table: input.table,
    hasher: input.hasher,
    signingKey: input.signingKey,
    clock,
  });
  const { tenant, user } = await auth.signup({
    tenantName: 'CDNOW 唱片行 (demo)',
    email: DEMO_EMAIL,
    password: DEMO_PASSWORD,
    locale: 'en',
  });
  const tenantId = tenant.id;
  const shiftDays = cdnowShiftDays(clock());
  await new TenantRepository(input.table).update({
    tenantId,
    expectedVersion: tenant.version,
    changes: {
      name: tenant.name,
      settings: { ...tenant.settings, defaultCurrency: 'USD', timezone: 'UTC' },
      demo: { source: 'CDNOW_master.txt', dateShiftDays: shiftDays },
    },
    now: clock().toISOString(),
  });
  input.log(`tenant ${tenantId} and owner ${DEMO_EMAIL} created (${seconds()} s)`);

  const externalIds = [
    ...new Set(
      input.cdnowMaster
        .split(/\r?\n/)
        .slice(1)
        .map((line) => line.trim().split(/\s+/)[0])
        .filter((id): id is string => Boolean(id)),
    ),
  ];
  const profiles = demoProfiles(externalIds);
  const imports = new ImportService({ tenantClient: sharedClientFactory(input.table), clock });
  let lastLogged = 0;
  const progress = (what: string) => (job: { rowsRead: number }) => {
    if (job.rowsRead - lastLogged >= 10_000) {
      lastLogged = job.rowsRead;
      input.log(`${what}: ${job.rowsRead} rows (${seconds()} s)`);
    }
  };
  const customers = await imports.run({
    tenantId,
    actorId: user.id,
    options: {
      kind: 'customers',
      layout: 'csv',
      dryRun: 'false',
      createMissingCustomers: 'false',
      shiftDays: 0,
    },
    text: demoCustomersCsv(profiles),
    onProgress: progress('customers'),
  });
  input.log(`${customers.customersCreated} customers imported (${seconds()} s)`);
  lastLogged = 0;
  const orders = await imports.run({
    tenantId,
    actorId: user.id,
    options: {
      kind: 'transactions',
      layout: 'cdnow',
      dryRun: 'false',
      createMissingCustomers: 'false',
      currency: 'USD',
      shiftDays,
      mapping: JSON.stringify({ amount: 'dollar_value', quantity: 'number_of_cds' }),
    },
    text: input.cdnowMaster,
    onProgress: progress('orders'),
  });
  input.log(`${orders.rowsWritten} orders imported, ${orders.rowsRejected} rejected (${seconds()} s)`);

  const contacts = await addBusinessContacts(input.table, tenantId, profiles);
  input.log(`${contacts} contacts added to businesses (${seconds()} s)`);
  return {
    tenantId,
    summary:
      `demo tenant ${tenantId}: ${customers.customersCreated} customers, ${orders.rowsWritten} orders, ` +
      `${contacts} contacts, dates shifted ${shiftDays} days, in ${seconds()} s`,
  };
}

async function addBusinessContacts(
  table: TableClient,
  tenantId: string,
  profiles: ReturnType<typeof demoProfiles>,
): Promise<number> {
  const businesses = profiles
    .map((profile, index) => ({ profile, index }))
    .filter(({ profile }) => profile.kind !== 'consumer');
  const ids = await new ImportRepository(table, tenantId).resolveExternalIds(
    businesses.map(({ profile }) => profile.externalId),
  );
  const now = new Date().toISOString();
  const items: Record<string, unknown>[] = [];
  for (const { profile, index } of businesses) {
    const customerId = ids.get(profile.externalId);
    if (!customerId) continue;
    for (const [position, person] of demoContacts(profile, index).entries()) {
      const contact: Contact = {
        id: newId(),
        customerId,
        name: person.name,
        title: person.title,
        roles: person.roles as Contact['roles'],
        phone: person.phone,
        primary: position === 0,
        relations: [],
        createdAt: now,
        updatedAt: now,
        version: 1,
      };
      items.push(toItem('contact', keys.contact(tenantId, customerId, contact.id), contact));
    }
  }
  await new TenantTable(table, tenantId).batchPut(items);
  return items.length;
}
