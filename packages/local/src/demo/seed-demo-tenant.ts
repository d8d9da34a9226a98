import {
  AuthService,
  ImportService,
  type PasswordHasher,
  readCsvRecords,
  type SigningKeyProvider,
} from '@crm/app';
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
import { demoContacts, demoProfiles, profileColumns, toCsv } from './demo-profiles.js';

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
  /** The owner's e-mail. @default demo@example.com */
  email?: string;
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
  const email = input.email ?? DEMO_EMAIL;
  if (await new IdentityRepository(input.table).getIdentity({ email })) {
    return { summary: `${email} exists already; left as it is` };
  }
  const auth = new AuthService({
    table: input.table,
    hasher: input.hasher,
    signingKey: input.signingKey,
    clock,
  });
  const { tenant, user } = await auth.signup({
    tenantName: 'CDNOW 唱片行 (demo)',
    email,
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
  input.log(`tenant ${tenantId} and owner ${email} created (${seconds()} s)`);

  // The CDNOW file read by the import's own reader, each order given its customer's profile
  // columns, as a shop's order export would carry them; one import then creates every customer
  // (with its figures) and every order.
  const rows: Record<string, string>[] = [];
  for await (const record of readCsvRecords(input.cdnowMaster, 'cdnow')) {
    if ('values' in record) rows.push(record.values);
  }
  const externalIds = [...new Set(rows.map((row) => row.customer_id as string))];
  const profiles = demoProfiles(externalIds);
  const byId = new Map(profiles.map((profile) => [profile.externalId, profileColumns(profile)]));
  const csv = toCsv(rows.map((row) => ({ ...row, ...byId.get(row.customer_id as string) })));
  input.log(`${rows.length} CDNOW orders of ${externalIds.length} customers read (${seconds()} s)`);

  let lastLogged = 0;
  const imports = new ImportService({ tenantClient: sharedClientFactory(input.table), clock });
  const orders = await imports.run({
    tenantId,
    actorId: user.id,
    options: {
      kind: 'transactions',
      layout: 'csv',
      dryRun: 'false',
      createMissingCustomers: 'true',
      currency: 'USD',
      shiftDays,
      mapping: JSON.stringify({ amount: 'dollar_value', quantity: 'number_of_cds' }),
    },
    text: csv,
    onProgress: (job) => {
      if (job.rowsRead - lastLogged >= 10_000) {
        lastLogged = job.rowsRead;
        input.log(`orders: ${job.rowsRead} rows (${seconds()} s)`);
      }
    },
  });
  input.log(
    `${orders.customersCreated} customers and ${orders.rowsWritten} orders imported, ${orders.rowsRejected} rejected (${seconds()} s)`,
  );

  const contacts = await addBusinessContacts(input.table, tenantId, profiles);
  input.log(`${contacts} contacts added to businesses (${seconds()} s)`);
  return {
    tenantId,
    summary:
      `demo tenant ${tenantId}: ${orders.customersCreated} customers, ${orders.rowsWritten} orders, ` +
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
