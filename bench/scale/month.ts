import { seededRandom } from '@crm/analytics';
import { growthStepFor } from '@crm/app';
import {
  CAMPAIGN_RECIPIENT_PARTITIONS,
  type CustomerListShardCount,
  customerIndexAttributes,
  customerListPartition,
  customerShard,
  keys,
  platformKeys,
  SCORE_WRITE_BUDGET,
  SCORE_WRITE_UNITS_PER_CUSTOMER,
  tenantDirectory,
} from '@crm/dynamodb';
import { readUnits, writeUnits } from './item-size.js';
import type { Episode, PartitionMeter, Target } from './partition-meter.js';
import { fixedId, sampleSizes, scoredCustomer } from './sample-items.js';

/**
 * A synthetic month of one 1,000,000-customer tenant and 10,000 small ones, as episodes of writes
 * and reads per second. Every key comes from the key catalog (keys.ts, customer-index-keys.ts)
 * through the functions the repositories call; every item size from the repositories' item
 * builders. The rates are the stated peaks (docs/scaling.md says where each comes from).
 */
export type MonthPlan = {
  largeCustomers: number;
  smallTenants: number;
  /** Log-normal sizes of the small tenants: median and σ of the log, clamped. */
  smallMedian: number;
  smallSigma: number;
  smallMax: number;
  /** Share of customers with an e-mail (gsi5) and with a phone (gsi6). */
  emailShare: number;
  phoneShare: number;
  /** One import worker writing the large tenant's file. */
  importRowsPerSecond: number;
  /** The refit's score writes (setScoresMany: 32 UpdateItems in flight) and its reads. */
  refitWritesPerSecond: number;
  /** Whether the score writes are paced per list shard (SCORE_WRITE_BUDGET), as the refit does. */
  refitPaced: boolean;
  refitReadsPerSecond: number;
  /** Seconds of model fitting between the refit's reads and its writes (CPU, no I/O). */
  refitFitSeconds: number;
  nightlyWorkers: number;
  /** The large tenant's send rate (the schema's maximum) and the default of the small ones. */
  largeSendsPerMinute: number;
  smallSendsPerMinute: number;
  /** Small tenants that send a campaign to their whole book on campaign day, at the same time. */
  smallCampaigns: number;
  consentShare: number;
  holdoutShare: number;
  largeOrdersPerDay: number;
  days: number;
  seed: number;
};

export const defaultPlan: MonthPlan = {
  largeCustomers: 1_000_000,
  smallTenants: 10_000,
  smallMedian: 300,
  smallSigma: 1,
  smallMax: 10_000,
  emailShare: 0.7,
  phoneShare: 0.5,
  importRowsPerSecond: 3_000,
  refitWritesPerSecond: 4_000,
  refitPaced: true,
  refitReadsPerSecond: 4_000,
  refitFitSeconds: 60,
  nightlyWorkers: 50,
  largeSendsPerMinute: 10_000,
  smallSendsPerMinute: 120,
  smallCampaigns: 1_000,
  consentShare: 0.8,
  holdoutShare: 0.1,
  largeOrdersPerDay: 10_000,
  days: 30,
  seed: 20261202,
};

const DAY = 86_400;
const HOUR = 3_600;
/** The large tenant's import on day 1 at 09:00 UTC; its campaign on day 15 at 10:00 UTC. */
const IMPORT_AT = 9 * HOUR;
const NIGHT_AT = 18 * HOUR;
const CAMPAIGN_DAY = 14;
const CAMPAIGN_AT = 10 * HOUR;
/** Orders come in the tenant's business hours (09:00–18:00 China, 01:00–10:00 UTC). */
const BUSINESS_FROM = 1 * HOUR;
const BUSINESS_HOURS = 9;

/** The list shards a tenant of `liveCustomers` ends with once the nightly growth has run. */
export function listShardsFor(liveCustomers: number): CustomerListShardCount {
  let shards: CustomerListShardCount = 1;
  for (let step = growthStepFor(shards, liveCustomers); step; step = growthStepFor(shards, liveCustomers))
    shards = step.to;
  return shards;
}

/** The live list partitions of a tenant, one per shard (the keys customerIndexAttributes names). */
function shardKeysOf(tenantId: string, shards: number): string[] {
  return Array.from({ length: shards }, (_, shard) => customerListPartition(tenantId, false, shard));
}

export const LARGE_TENANT = fixedId('LARGE', 1);
export const smallTenantId = (index: number) => fixedId('SMALL', index);

function logNormal(next: () => number, median: number, sigma: number): number {
  const u = Math.max(next(), 1e-12);
  const v = next();
  return median * Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
}

/**
 * The large tenant's customers: ids, and which of a handful of index partitions each one's item
 * names (list shard, e-mail and phone lookup shards), as customerIndexAttributes builds them.
 */
type LargeBook = {
  ids: string[];
  /** Index into `listKeys` / `emailKeys` / `phoneKeys`; NONE when the customer has no e-mail or phone. */
  list: Uint8Array;
  email: Uint8Array;
  phone: Uint8Array;
  listKeys: string[];
  emailKeys: string[];
  phoneKeys: string[];
};

const NONE = 255;

function slotOf(known: string[], key: string | undefined): number {
  if (key === undefined) return NONE;
  const slot = known.indexOf(key);
  if (slot >= 0) return slot;
  known.push(key);
  return known.length - 1;
}

function largeBook(plan: MonthPlan, next: () => number): LargeBook {
  const template = scoredCustomer(fixedId('CUST', 0), { email: true, phone: true });
  const book: LargeBook = {
    ids: [],
    list: new Uint8Array(plan.largeCustomers),
    email: new Uint8Array(plan.largeCustomers),
    phone: new Uint8Array(plan.largeCustomers),
    listKeys: [],
    emailKeys: [],
    phoneKeys: [],
  };
  for (let index = 0; index < plan.largeCustomers; index++) {
    const id = fixedId('CUST', index);
    const attributes = customerIndexAttributes(
      LARGE_TENANT,
      {
        ...template,
        id,
        ...(next() < plan.emailShare ? {} : { email: undefined }),
        ...(next() < plan.phoneShare ? {} : { phone: undefined }),
      },
      listShardsFor(plan.largeCustomers),
    );
    book.ids.push(id);
    book.list[index] = slotOf(book.listKeys, attributes.gsi1pk);
    book.email[index] = slotOf(book.emailKeys, attributes.gsi5pk);
    book.phone[index] = slotOf(book.phoneKeys, attributes.gsi6pk);
  }
  return book;
}

export const smallCustomerId = (tenant: number, index: number) =>
  fixedId(`S${tenant.toString(32).toUpperCase()}`, index);

/** Each small tenant's customers' list shards (customerShard of each id), end to end. */
function smallBooks(sizes: readonly number[]): { shards: Uint8Array; offsets: number[] } {
  const offsets: number[] = [];
  let total = 0;
  for (const size of sizes) {
    offsets.push(total);
    total += size;
  }
  const shards = new Uint8Array(total);
  sizes.forEach((size, tenant) => {
    const offset = offsets[tenant] as number;
    for (let index = 0; index < size; index++)
      shards[offset + index] = customerShard(smallCustomerId(tenant, index), listShardsFor(size));
  });
  return { shards, offsets };
}

function bump(counts: Float64Array, slot: number | undefined): void {
  if (slot !== undefined) counts[slot] = (counts[slot] ?? 0) + 1;
}

/** Counts per key within one second, charged to the meter at the end of the second. */
class SecondTally {
  private readonly counts = new Map<string, number>();
  add(pk: string | undefined, units = 1): void {
    if (pk === undefined) return;
    this.counts.set(pk, (this.counts.get(pk) ?? 0) + units);
  }
  chargeTo(
    meter: PartitionMeter,
    targets: readonly Target[],
    units: (target: Target) => number,
    rcu = false,
  ) {
    for (const [pk, count] of this.counts) {
      for (const target of targets) {
        const value = count * units(target);
        if (rcu) meter.charge(target, pk, 0, value);
        else meter.charge(target, pk, value);
      }
    }
    this.counts.clear();
  }
}

const LIST_TARGETS: readonly Target[] = ['gsi1', 'gsi2', 'gsi3', 'gsi4'];
const SCORE_TARGETS: readonly Target[] = ['gsi7', 'gsi8'];

export type Month = { episodes: Episode[]; smallSizes: number[]; sizes: ReturnType<typeof sampleSizes> };

export function month(meter: PartitionMeter, plan: MonthPlan = defaultPlan): Month {
  const next = seededRandom(plan.seed);
  const sizes = sampleSizes(LARGE_TENANT);
  const book = largeBook(plan, next);
  const smallSizes = Array.from({ length: plan.smallTenants }, () =>
    Math.round(Math.min(plan.smallMax, Math.max(10, logNormal(next, plan.smallMedian, plan.smallSigma)))),
  );
  const small = smallBooks(smallSizes);
  const customerKind = meter.kindOf('table', keys.customerPartition(LARGE_TENANT, book.ids[0] ?? ''));
  const smallCustomerKind = meter.kindOf(
    'table',
    keys.customerPartition(smallTenantId(0), smallCustomerId(0, 0)),
  );

  const episodes: Episode[] = [];
  episodes.push({
    name: 'import of 1,000,000 rows',
    group: 'import',
    start: IMPORT_AT,
    steps: largeImport(),
  });
  for (let day = 0; day < plan.days; day++) {
    episodes.push({
      name: `night ${day + 1}`,
      group: 'night',
      start: day * DAY + NIGHT_AT,
      steps: night(day === 0),
    });
    episodes.push({
      name: `orders day ${day + 1}`,
      group: 'orders',
      start: day * DAY + BUSINESS_FROM,
      steps: orders(day),
    });
  }
  episodes.push({
    name: 'campaign day',
    group: 'campaign',
    start: CAMPAIGN_DAY * DAY + CAMPAIGN_AT,
    steps: campaigns(),
  });
  return { episodes, smallSizes, sizes };

  /** ImportRepository.putNewCustomers in batches of 1,000 rows (BATCH_ROWS), then the job's progress. */
  function* largeImport(): Generator<void> {
    const externalIdKind = meter.kindOf('table', keys.externalCustomer(LARGE_TENANT, 'ERP-1').pk);
    // The directory's shards (tenantDirectory.externalIdIndex): one per external id's hash.
    const directory = new SecondTally();
    const importId = fixedId('IMPORT', 1);
    const customerUnits = writeUnits(sizes.importedCustomer);
    const mappingUnits = writeUnits(sizes.externalId);
    const lists = new SecondTally();
    const emails = new SecondTally();
    const phones = new SecondTally();
    let row = 0;
    while (row < plan.largeCustomers) {
      const end = Math.min(plan.largeCustomers, row + plan.importRowsPerSecond);
      for (; row < end; row++) {
        const externalId = `ERP-${row}`;
        const id = book.ids[row] as string;
        // resolveExternalIds (BatchGet), then the mapping and the customer (BatchWrite).
        meter.chargeAlone(
          externalIdKind,
          () => keys.externalCustomer(LARGE_TENANT, externalId).pk,
          mappingUnits,
          readUnits(sizes.externalId),
        );
        directory.add(tenantDirectory.externalIdIndex(LARGE_TENANT, externalId).gsi1pk);
        meter.chargeAlone(customerKind, () => keys.customerPartition(LARGE_TENANT, id), customerUnits);
        lists.add(book.listKeys[book.list[row] as number]);
        emails.add(book.emailKeys[book.email[row] as number]);
        phones.add(book.phoneKeys[book.phone[row] as number]);
        if ((row + 1) % 1000 === 0) {
          meter.charge('table', keys.importJob(LARGE_TENANT, importId).pk, 1);
          meter.charge('gsi1', keys.importsIndex(LARGE_TENANT, importId).gsi1pk, 1);
        }
      }
      directory.chargeTo(meter, ['gsi1'], () => mappingUnits);
      lists.chargeTo(meter, LIST_TARGETS, () => customerUnits);
      emails.chargeTo(meter, ['gsi5'], () => customerUnits);
      phones.chargeTo(meter, ['gsi6'], () => customerUnits);
      yield;
    }
  }

  /**
   * How many customers from `from` (at most `max`) a paced refit writes in `seconds`: in order, as
   * pages are written, until a customer's shard has had its share of the second
   * (SCORE_WRITE_BUDGET's rate over SCORE_WRITE_UNITS_PER_CUSTOMER, ~133 a shard a second).
   */
  function pacedCount(shardOf: (index: number) => number, from: number, max: number, seconds: number) {
    if (!plan.refitPaced) return { count: max, capped: false };
    const cap = Math.max(
      1,
      Math.floor((SCORE_WRITE_BUDGET.refillPerSecond / SCORE_WRITE_UNITS_PER_CUSTOMER) * seconds),
    );
    const used = new Map<number, number>();
    for (let count = 0; count < max; count++) {
      const shard = shardOf(from + count);
      const spent = used.get(shard) ?? 0;
      if (spent >= cap) return { count: Math.max(1, count), capped: true };
      used.set(shard, spent + 1);
    }
    return { count: max, capped: false };
  }

  /**
   * The nightly fan-out: the large tenant's refit on a worker of its own, the small tenants on the
   * other workers in queue order. A refit reads every customer (the list shards' pages, then each
   * customer's partition for its orders), fits, then writes every customer's scores
   * (ModelRepository.setScores): the item and each index it is in; gsi7/gsi8 move (delete + put)
   * except on the first night, when they are new. Every customer is taken as scored (an upper
   * bound: one without orders is in neither gsi7 nor gsi8).
   */
  function* night(first: boolean): Generator<void> {
    const units = writeUnits(sizes.scoredCustomer);
    const listReadUnits = readUnits(sizes.scoredCustomer);
    const scoreUnits = first ? units : 2 * units;
    type Work = {
      tenant: number;
      customers: number;
      phase: 'read' | 'fit' | 'write';
      done: number;
      fit: number;
    };
    const workers: (Work | undefined)[] = Array.from({ length: plan.nightlyWorkers }, () => undefined);
    // Worker 0 takes the large tenant (-1); the others the small tenants in queue order.
    workers[0] = { tenant: -1, customers: plan.largeCustomers, phase: 'read', done: 0, fit: 0 };
    let queued = 0;
    const perKey = new Float64Array(256);
    const perEmail = new Float64Array(256);
    const perPhone = new Float64Array(256);
    // The kinds of the small tenants' list keys, worked out once from a real key.
    const smallListKinds = new Map(
      [...LIST_TARGETS, ...SCORE_TARGETS].map((target) => [
        target,
        meter.kindOf(target, customerListPartition(smallTenantId(0), false, 0)),
      ]),
    );
    const chargeWrites = (
      keyList: readonly string[],
      counts: Float64Array,
      targets: readonly Target[],
      unitsOf: (target: Target) => number,
      kinds?: Map<Target, string>,
    ) => {
      keyList.forEach((pk, slot) => {
        const count = counts[slot] as number;
        if (count === 0) return;
        for (const target of targets)
          meter.charge(target, pk, count * unitsOf(target), 0, kinds?.get(target));
        counts[slot] = 0;
      });
    };
    const chargeReads = (keyList: readonly string[], counts: Float64Array, kinds?: Map<Target, string>) => {
      keyList.forEach((pk, slot) => {
        const count = counts[slot] as number;
        if (count === 0) return;
        meter.charge('gsi1', pk, 0, count * listReadUnits, kinds?.get('gsi1'));
        counts[slot] = 0;
      });
    };
    const listUnits = (target: Target) => (SCORE_TARGETS.includes(target) ? scoreUnits : units);
    while (workers.some(Boolean) || queued < smallSizes.length) {
      for (let slot = 0; slot < workers.length; slot++) {
        let budget = 1;
        while (budget > 1e-9) {
          let work = workers[slot];
          if (!work) {
            if (slot === 0 || queued >= smallSizes.length) break;
            work = {
              tenant: queued,
              customers: smallSizes[queued] as number,
              phase: 'read',
              done: 0,
              fit: 0,
            };
            queued += 1;
            workers[slot] = work;
          }
          if (work.phase === 'fit') {
            const needed = plan.refitFitSeconds * Math.min(1, work.customers / 100_000);
            const spent = Math.min(budget, needed - work.fit);
            work.fit += spent;
            budget -= spent;
            if (work.fit >= needed - 1e-9) work.phase = 'write';
            continue;
          }
          const reading = work.phase === 'read';
          const rate = reading ? plan.refitReadsPerSecond : plan.refitWritesPerSecond;
          const from = work.done;
          const writer = work.tenant;
          const unpaced = Math.min(work.customers - work.done, Math.max(1, Math.floor(rate * budget)));
          // The score writes are paced per list shard (ModelRepository.setScoresMany with the
          // refit's PartitionPacer): a shard that spent its second's budget holds the page up.
          const paced = reading
            ? { count: unpaced, capped: false }
            : pacedCount(
                writer === -1
                  ? (index) => book.list[index] as number
                  : (index) => small.shards[(small.offsets[writer] as number) + index] as number,
                from,
                unpaced,
                budget,
              );
          const count = paced.count;
          if (work.tenant === -1) {
            for (let index = from; index < from + count; index++) {
              bump(perKey, book.list[index]);
              if (!reading) {
                bump(perEmail, book.email[index]);
                bump(perPhone, book.phone[index]);
              }
            }
            // Each customer's partition: read once (its orders) or written once (its scores).
            meter.chargeAlone(
              customerKind,
              () => keys.customerPartition(LARGE_TENANT, book.ids[from] as string),
              reading ? 0 : units,
              reading ? 0.5 : 0,
              count,
            );
            if (reading) chargeReads(book.listKeys, perKey);
            else {
              chargeWrites(book.listKeys, perKey, [...LIST_TARGETS, ...SCORE_TARGETS], listUnits);
              chargeWrites(book.emailKeys, perEmail, ['gsi5'], () => units);
              chargeWrites(book.phoneKeys, perPhone, ['gsi6'], () => units);
              perEmail[NONE] = 0;
              perPhone[NONE] = 0;
            }
          } else {
            const tenant = work.tenant;
            const offset = small.offsets[tenant] as number;
            for (let index = from; index < from + count; index++) bump(perKey, small.shards[offset + index]);
            meter.chargeAlone(
              smallCustomerKind,
              () => keys.customerPartition(smallTenantId(tenant), smallCustomerId(tenant, from)),
              reading ? 0 : units,
              reading ? 0.5 : 0,
              count,
            );
            const shardKeys = shardKeysOf(smallTenantId(tenant), listShardsFor(smallSizes[tenant] ?? 0));
            if (reading) chargeReads(shardKeys, perKey, smallListKinds);
            else
              chargeWrites(shardKeys, perKey, [...LIST_TARGETS, ...SCORE_TARGETS], listUnits, smallListKinds);
          }
          work.done += count;
          budget = paced.capped ? 0 : budget - count / rate;
          if (work.done >= work.customers) {
            if (reading) {
              work.phase = 'fit';
              work.done = 0;
            } else workers[slot] = undefined;
          }
        }
      }
      yield;
    }
  }

  /**
   * Orders through the API in business hours: the interaction and the figures in one transaction,
   * then the value-order reaction and the scores reaction (each rewrites the item in every index;
   * gsi3/gsi4 and gsi7/gsi8 move).
   */
  function* orders(day: number): Generator<void> {
    const seconds = BUSINESS_HOURS * HOUR;
    const perSecond = plan.largeOrdersPerDay / seconds;
    const units = writeUnits(sizes.scoredCustomer);
    const orderUnits = writeUnits(sizes.order, true);
    let carry = 0;
    for (let second = 0; second < seconds; second++) {
      // Orders bunch: the busiest minutes get several times the mean (a Poisson-like draw).
      carry += perSecond * (next() < 0.05 ? 8 : 0.63);
      while (carry >= 1) {
        carry -= 1;
        // A few customers buy far more often than the rest (a cube skews toward the first ids).
        const index = Math.floor(plan.largeCustomers * next() ** 3);
        const id = book.ids[index] as string;
        const pk = keys.customerPartition(LARGE_TENANT, id);
        // Transaction: the interaction put and the figures update (2 units a KB each).
        meter.charge('table', pk, orderUnits + 2 * units + units + units);
        const list = book.listKeys[book.list[index] as number] as string;
        // Three rewrites of the item (figures, value order, scores); gsi3/gsi4 move with the
        // figures (+1 each) and gsi7/gsi8 with the scores (+1 each).
        for (const target of LIST_TARGETS)
          meter.charge(target, list, (target === 'gsi1' || target === 'gsi2' ? 3 : 4) * units);
        for (const target of SCORE_TARGETS) meter.charge(target, list, 4 * units);
        const email = book.emailKeys[book.email[index] as number];
        const phone = book.phoneKeys[book.phone[index] as number];
        if (email) meter.charge('gsi5', email, 3 * units);
        if (phone) meter.charge('gsi6', phone, 3 * units);
      }
      void day;
      yield;
    }
  }

  /**
   * Campaign day: the large tenant sends to every customer with an e-mail at its rate, and
   * `smallCampaigns` small tenants to theirs at the default rate, all starting at once. Per customer
   * walked: the segment page read, the recipient read, the decision (recipient put in its shard +
   * campaign counters, one transaction; the campaign's gsi1 entry is rewritten, as progress is
   * projected);
   * per message sent also the send slot, the unsubscribe link and the settlement (another
   * transaction). Each unfinished send's platform entry moves after every run (≈ 20 s of work).
   */
  function* campaigns(): Generator<void> {
    const recipientUnits = writeUnits(sizes.recipient, true);
    const campaignUnits = writeUnits(sizes.campaign, true);
    const campaignIndexUnits = writeUnits(sizes.campaign);
    const linkUnits = writeUnits(sizes.unsubscribeLink);
    const listReadUnits = readUnits(sizes.scoredCustomer);
    const linkKind = meter.kindOf('table', platformKeys.unsubscribeToken('0'.repeat(64)).pk);
    const sentShare = plan.consentShare * (1 - plan.holdoutShare);
    type Send = {
      tenant: string;
      members: number;
      walked: number;
      perSecond: number;
      list: string[];
      email: string[];
    };
    const sends: Send[] = [];
    const largeWithEmail = Math.round(plan.largeCustomers * plan.emailShare);
    sends.push({
      tenant: LARGE_TENANT,
      members: largeWithEmail,
      walked: 0,
      perSecond: plan.largeSendsPerMinute / 60 / sentShare,
      list: shardKeysOf(LARGE_TENANT, listShardsFor(plan.largeCustomers)),
      email: [],
    });
    for (let tenant = 0; tenant < plan.smallCampaigns; tenant++) {
      const id = smallTenantId(tenant);
      sends.push({
        tenant: id,
        members: Math.round((smallSizes[tenant] ?? 0) * plan.emailShare),
        walked: 0,
        perSecond: plan.smallSendsPerMinute / 60 / sentShare,
        list: shardKeysOf(id, listShardsFor(smallSizes[tenant] ?? 0)),
        email: [],
      });
    }
    const campaignId = fixedId('CAMPAIGN', 1);
    let second = 0;
    while (sends.some((send) => send.walked < send.members)) {
      for (let order = 0; order < sends.length; order++) {
        const send = sends[order] as Send;
        if (send.walked >= send.members) continue;
        const count = Math.min(
          send.members - send.walked,
          Math.round(send.perSecond * (second + 1)) - send.walked,
        );
        const campaignPk = keys.campaignPartition(send.tenant, campaignId);
        const campaignsPk = keys.campaignsIndex(send.tenant, '2026-11-16T10:00:00.000Z', campaignId).gsi1pk;
        for (let step = 0; step < count; step++) {
          const walked = send.walked + step;
          const customerId = fixedId('CUST', walked);
          // The segment walk's page (gsi1, by name) and whether the customer was decided already.
          meter.charge(
            'gsi1',
            send.list[customerShard(customerId, send.list.length)] as string,
            0,
            listReadUnits,
          );
          // The recipient is in its shard (the send reads the campaign's count once per process);
          // the counters stay on the campaign item.
          const recipientPk = keys.campaignRecipient(
            send.tenant,
            campaignId,
            customerId,
            CAMPAIGN_RECIPIENT_PARTITIONS,
          ).pk;
          meter.charge('table', recipientPk, 0, 1);
          meter.charge('table', recipientPk, recipientUnits);
          meter.charge('table', campaignPk, campaignUnits);
          meter.charge('gsi1', campaignsPk, campaignIndexUnits);
          const sent = (walked * 0.618034) % 1 < sentShare;
          if (!sent) continue;
          meter.charge('table', keys.campaignSendWindow(send.tenant).pk, 1);
          meter.chargeAlone(
            linkKind,
            () => platformKeys.unsubscribeToken(`${walked}`.padStart(64, '0')).pk,
            linkUnits,
          );
          meter.charge('gsi1', tenantDirectory.partition(send.tenant, 'UNSUBLINKS'), linkUnits);
          meter.charge('table', recipientPk, recipientUnits);
          meter.charge('table', campaignPk, campaignUnits);
          meter.charge('gsi1', campaignsPk, campaignIndexUnits);
        }
        send.walked += count;
        // Each send's run ends on its own clock (≈ 20 s of work), so the moves are spread out.
        if ((second + order) % 20 === 0) {
          // The platform entry of the unfinished send moves (gsi2 key changes: delete + put).
          const entry = platformKeys.campaignSend(send.tenant, campaignId);
          meter.charge('table', entry.pk, 1);
          meter.charge('gsi2', platformKeys.campaignSendsDuePartition(), 2);
          meter.charge('gsi1', tenantDirectory.partition(send.tenant, 'CAMPAIGNSENDS'), 1);
        }
      }
      second += 1;
      yield;
    }
  }
}
