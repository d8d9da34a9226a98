import {
  AuthService,
  ImportService,
  outboxMailer,
  type PasswordHasher,
  readCsvRecords,
  type SigningKeyProvider,
} from '@crm/app';
import type { KnownOrders } from '@crm/app/analytics';
import { type Contact, type Interaction, newId } from '@crm/domain';
import {
  IdentityRepository,
  ImportRepository,
  keys,
  type OrderFact,
  sharedClientFactory,
  type TableClient,
  TenantRepository,
  TenantTable,
  toItem,
} from '@crm/dynamodb';
import type { SeedProgressUpdate } from '../seed-progress.js';
import { type DemoProfile, demoContacts, demoProfileMaker, profileColumns, toCsv } from './demo-profiles.js';

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
  /** Base of the links in the owner's confirmation mail. @default http://localhost:3000 */
  publicUrl?: string;
  /** Reports the tenant, then customers, orders and contacts written so far. */
  onProgress?: (update: SeedProgressUpdate) => void;
  /**
   * Customers in the first import, so a first page of customers appears within seconds (one page
   * of 50, about 190 orders: on a fresh, loaded JVM each of its batches took most of a second);
   * the rest follow in `parts` imports.
   * @default 50
   */
  firstCustomers?: number;
  /** Imports after the first. @default 4 */
  parts?: number;
};

/** Splits `items` into a first slice of `first` and then `parts` slices of about equal size. */
export function demoSlices<T>(items: readonly T[], first: number, parts: number): T[][] {
  const slices: T[][] = [items.slice(0, first)];
  const rest = items.slice(first);
  const size = Math.ceil(rest.length / Math.max(1, parts));
  for (let start = 0; start < rest.length; start += size) slices.push(rest.slice(start, start + size));
  return slices.filter((slice) => slice.length > 0);
}

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
export async function seedDemoTenant(
  input: DemoSeedInput,
): Promise<{ summary: string; tenantId?: string; orders?: KnownOrders }> {
  const clock = input.clock ?? (() => new Date());
  const started = performance.now();
  const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
  const email = input.email ?? DEMO_EMAIL;
  if (await new IdentityRepository(input.table).getIdentity({ email })) {
    return { summary: `${email} exists already; left as it is` };
  }
  // The file is parsed (node's CPU) while the sign-up waits on the table (the JVM's), not after it.
  const reading = readCdnowRows(input.cdnowMaster);
  // A sign-up that fails leaves the reading unawaited: its outcome is then of no interest.
  reading.catch(() => {});
  const auth = new AuthService({
    table: input.table,
    hasher: input.hasher,
    signingKey: input.signingKey,
    clock,
    mailer: outboxMailer({ table: input.table, clock }),
    publicUrl: input.publicUrl ?? 'http://localhost:3000',
  });
  const signedUp = await auth.signup({
    tenantName: 'CDNOW 唱片行 (demo)',
    email,
    password: DEMO_PASSWORD,
    locale: 'en',
  });
  if (signedUp.kind !== 'created') throw new Error(`${email} was signed up concurrently`);
  const { tenant, user } = signedUp;
  // The demo owner's address is ours: confirmed, so the demo can also show a second tenant.
  await new IdentityRepository(input.table).markVerified({ email, at: clock().toISOString() });
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

  const progress = input.onProgress ?? (() => {});
  progress({ status: 'seeding', tenantId });

  const rows = await reading;
  const externalIds = [...new Set(rows.map((row) => row.customer_id as string))];
  const rowsOf = new Map<string, Record<string, string>[]>();
  for (const row of rows) {
    const id = row.customer_id as string;
    const list = rowsOf.get(id) ?? [];
    if (list.length === 0) rowsOf.set(id, list);
    list.push(row);
  }
  progress({
    customers: { done: 0, total: externalIds.length },
    orders: { done: 0, total: rows.length },
  });
  input.log(`${rows.length} CDNOW orders of ${externalIds.length} customers read (${seconds()} s)`);

  // Profiles are made a part at a time (the same sequence as all at once), the first part's
  // alone: its customers need not wait for the other 23,000 profiles and their contacts.
  const maker = demoProfileMaker();
  const profileOf = new Map<string, DemoProfile>();
  const peopleOf = new Map<string, ReturnType<typeof demoContacts>>();
  const positionOf = new Map(externalIds.map((id, index) => [id, index]));
  let contactTotal = 0;
  const makeProfiles = (ids: readonly string[]) => {
    for (const profile of maker.take(ids)) {
      profileOf.set(profile.externalId, profile);
      if (profile.kind === 'consumer') continue;
      const people = demoContacts(profile, positionOf.get(profile.externalId) as number);
      peopleOf.set(profile.externalId, people);
      contactTotal += people.length;
    }
  };
  // Each import creates its customers (with the figures of all their orders) after their orders,
  // so the book is imported in parts by customer, a small one first: the first page of customers
  // is there in seconds, and every customer's orders are in one import, as if imported at once.
  const imports = new ImportService({ tenantClient: sharedClientFactory(input.table), clock });
  const slices = demoSlices(externalIds, input.firstCustomers ?? 50, input.parts ?? 4);
  const totals = { customers: 0, orders: 0, rejected: 0, contacts: 0 };
  // The orders as written, for the first fit (seeders.ts): it need not read 12,000 timelines back.
  const written = new WrittenOrders();
  let lastLogged = 0;
  for (const [part, slice] of slices.entries()) {
    // The rest once the first part is in; the contacts' total is known from then on.
    if (part === 0) makeProfiles(slice);
    else if (part === 1) makeProfiles(slices.slice(1).flat());
    const contactsOf = () => ({
      done: totals.contacts,
      total: profileOf.size === externalIds.length ? contactTotal : null,
    });
    progress({ contacts: contactsOf() });
    const csv = toCsv(
      slice.flatMap((id) => {
        const columns = profileColumns(profileOf.get(id) as DemoProfile);
        return (rowsOf.get(id) ?? []).map((row) => ({ ...row, ...columns }));
      }),
    );
    const before = totals.orders;
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
      onWritten: (interactions) => written.add(interactions),
      onProgress: (job) => {
        progress({ orders: { done: before + job.rowsWritten, total: rows.length } });
        if (before + job.rowsRead - lastLogged >= 10_000) {
          lastLogged = before + job.rowsRead;
          input.log(`orders: ${lastLogged} rows (${seconds()} s)`);
        }
      },
    });
    totals.customers += orders.customersCreated;
    totals.orders += orders.rowsWritten;
    totals.rejected += orders.rowsRejected;
    progress({
      customers: { done: totals.customers, total: externalIds.length },
      orders: { done: totals.orders, total: rows.length },
    });
    totals.contacts += await addBusinessContacts(
      input.table,
      tenantId,
      slice.flatMap((externalId) => {
        const people = peopleOf.get(externalId);
        return people ? [{ externalId, people }] : [];
      }),
    );
    progress({ contacts: contactsOf() });
    input.log(
      `part ${part + 1}/${slices.length}: ${totals.customers} customers, ${totals.orders} orders, ` +
        `${totals.contacts} contacts (${seconds()} s)`,
    );
  }
  input.log(
    `${totals.customers} customers and ${totals.orders} orders imported, ${totals.rejected} rejected, ` +
      `${totals.contacts} contacts added to businesses (${seconds()} s)`,
  );
  return {
    tenantId,
    orders: written.byCustomer(),
    summary:
      `demo tenant ${tenantId}: ${totals.customers} customers, ${totals.orders} orders, ` +
      `${totals.contacts} contacts, dates shifted ${shiftDays} days, in ${seconds()} s`,
  };
}

/**
 * The CDNOW file read by the import's own reader; each order is later given its customer's profile
 * columns, as a shop's order export would carry them.
 */
async function readCdnowRows(text: string): Promise<Record<string, string>[]> {
  const rows: Record<string, string>[] = [];
  for await (const record of readCsvRecords(text, 'cdnow')) {
    if ('values' in record) rows.push(record.values);
  }
  return rows;
}

/** Orders as an import wrote them, by customer, each customer's in the order its partition holds them. */
class WrittenOrders {
  private readonly of = new Map<string, Map<string, Interaction>>();

  add(interactions: readonly Interaction[]): void {
    for (const interaction of interactions) {
      if (interaction.type !== 'order') continue;
      let orders = this.of.get(interaction.customerId);
      if (!orders) {
        orders = new Map();
        this.of.set(interaction.customerId, orders);
      }
      // By id: an interaction written again (the same id) is one order, as in the table.
      orders.set(interaction.id, interaction);
    }
  }

  /** As `ModelRepository.listOrders` reads them: the sort key's order (instant, then id), its attributes. */
  byCustomer(): KnownOrders {
    const sortKey = (order: Interaction) => `${order.occurredAt}#${order.id}`;
    const result = new Map<string, OrderFact[]>();
    for (const [customerId, orders] of this.of) {
      const list = [...orders.values()].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1));
      result.set(
        customerId,
        list.map((order) => ({
          occurredAt: order.occurredAt,
          amount: order.amount as number,
          ...(order.currency !== undefined ? { currency: order.currency } : {}),
        })),
      );
    }
    return result;
  }
}

async function addBusinessContacts(
  table: TableClient,
  tenantId: string,
  businesses: { externalId: string; people: ReturnType<typeof demoContacts> }[],
): Promise<number> {
  if (businesses.length === 0) return 0;
  const ids = await new ImportRepository(table, tenantId).resolveExternalIds(
    businesses.map((business) => business.externalId),
  );
  const now = new Date().toISOString();
  const items: Record<string, unknown>[] = [];
  for (const { externalId, people } of businesses) {
    const customerId = ids.get(externalId);
    if (!customerId) continue;
    for (const [position, person] of people.entries()) {
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
