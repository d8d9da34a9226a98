import {
  type Campaign,
  type CampaignRecipient,
  type Customer,
  type CustomerScores,
  emptyCustomerStats,
} from '@crm/domain';
import {
  CAMPAIGN_RECIPIENT_PARTITIONS,
  campaignItem,
  customerItem,
  interactionItem,
  keys,
  platformKeys,
  tenantDirectory,
  toItem,
} from '@crm/dynamodb';
import { testInteraction } from '@crm/testing';
import { itemBytes } from './item-size.js';

/**
 * The items the simulation writes, built by the repositories' own item builders (customerItem,
 * campaignItem, toItem with the key catalog) from typical values, and sized by DynamoDB's rules.
 * Ids are ULID-shaped and deterministic, so a run is repeatable.
 */

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID-shaped id made of a prefix and a counter (repeatable, unlike `newId()`). */
export function fixedId(prefix: string, counter: number): string {
  let tail = '';
  let rest = counter;
  for (let index = 0; index < 10; index++) {
    tail = CROCKFORD[rest % 32] + tail;
    rest = Math.floor(rest / 32);
  }
  return `01J${prefix}`.padEnd(16, '0').slice(0, 16) + tail;
}

const AT = '2026-11-02T09:00:00.000Z';
const USER = fixedId('USER', 1);

/** A customer as an import of name, e-mail, phone and a city leaves it (no figures, no scores). */
export function importedCustomer(id: string, options: { email: boolean; phone: boolean }): Customer {
  return {
    id,
    name: '上海恒丰贸易有限公司',
    kind: 'business',
    status: 'active',
    tags: [],
    customFields: {},
    ...(options.email ? { email: 'purchasing.dept@hengfeng-trading.example.cn' } : {}),
    ...(options.phone ? { phone: '+86 21 5555 0134' } : {}),
    address: { line1: '浦东新区世纪大道 1888 号', city: '上海', country: 'CN' },
    externalId: 'ERP-0004711',
    importId: fixedId('IMPORT', 1),
    stats: emptyCustomerStats(),
    createdAt: AT,
    updatedAt: AT,
    createdBy: USER,
    version: 1,
  };
}

/** What a refit writes on a customer with a purchase history (every field filled). */
export function typicalScores(pAlive: number): CustomerScores {
  return {
    segment: 'loyal',
    rfm: { r: 4, f: 3, m: 4, fm: 3.5, code: '434' },
    abcClass: 'B',
    pAlive,
    expectedPurchases90d: 1.734521,
    nextPurchaseAt: '2026-12-19',
    nextPurchaseWindow: {
      model: 'bgnbd',
      k: 1,
      start: '2026-11-20',
      median: '2026-12-19',
      end: '2027-03-02',
      pAlive,
    },
    clv: 1_845_300,
    clvTopDecile: false,
    expectedSpend: 48_210,
    valueIndex: 1.37,
    lifecycleSuggestion: { stage: 'customer', name: '成熟客户', rule: 'active buyer with repeat orders' },
    inputs: {
      x: 11,
      tx: 48.714286,
      T: 61.285714,
      firstOrderOn: '2025-09-01',
      lastOrderOn: '2026-08-04',
      totalAmount: 530_310,
      spendCount: 11,
      meanSpend: 48_210,
    },
    scoredAt: AT,
    modelFittedAt: AT,
    fitId: fixedId('FIT', 1),
  };
}

/** An imported customer after orders and a refit: figures and scores. */
export function scoredCustomer(id: string, options: { email: boolean; phone: boolean }): Customer {
  return {
    ...importedCustomer(id, options),
    stats: {
      interactionCount: 14,
      orderCount: 12,
      orderValue: 578_520,
      orderValueByCurrency: { CNY: 578_520 },
      paymentValue: 530_310,
      firstOrderAt: '2025-09-01T03:12:00.000Z',
      lastOrderAt: '2026-10-28T06:40:00.000Z',
      lastInteractionAt: '2026-10-30T02:05:00.000Z',
    },
    scores: typicalScores(0.812345),
  };
}

export function campaign(id: string): Campaign {
  return {
    id,
    name: '双十二会员专享',
    channel: 'email',
    segmentId: fixedId('SEGMENT', 1),
    subject: { zh: '双十二会员专享优惠', en: 'Double 12: members only' },
    body: {
      zh: '尊敬的{{name}}，感谢您一直以来的支持。双十二期间，会员专享全场九折，详情请访问我们的网站。',
      en: 'Dear {{name}}, thank you for your support. Members get 10% off everything on Double 12.',
    },
    locale: 'zh',
    holdoutPercent: 10,
    conversionDays: 14,
    requireConsent: true,
    status: 'sending',
    progress: { processed: 412_345, sent: 300_123, skipped: 70_111, bounced: 1_234, holdout: 40_877 },
    sendStartedAt: AT,
    sentAt: null,
    sentBy: USER,
    createdAt: AT,
    createdBy: USER,
    updatedAt: AT,
    version: 3,
  };
}

export function recipient(campaignId: string, customerId: string): CampaignRecipient {
  return {
    campaignId,
    customerId,
    status: 'sent',
    reason: null,
    to: 'purchasing.dept@hengfeng-trading.example.cn',
    decidedAt: AT,
    unsubscribedAt: null,
  };
}

/** The sizes (bytes) of every item the simulation writes, from the real builders. */
export function sampleSizes(tenantId: string) {
  const customerId = fixedId('CUST', 1);
  const campaignId = fixedId('CAMPAIGN', 1);
  const external = keys.externalCustomer(tenantId, 'ERP-0004711');
  const unsubscribe = platformKeys.unsubscribeToken('a'.repeat(64));
  return {
    importedCustomer: itemBytes(
      customerItem(tenantId, importedCustomer(customerId, { email: true, phone: true }), { listShards: 1 }),
    ),
    scoredCustomer: itemBytes(
      customerItem(tenantId, scoredCustomer(customerId, { email: true, phone: true }), { listShards: 1 }),
    ),
    externalId: itemBytes(
      toItem(
        'externalCustomer',
        { ...external, ...tenantDirectory.externalIdIndex(tenantId, 'ERP-0004711') },
        { externalId: 'ERP-0004711', customerId },
      ),
    ),
    campaign: itemBytes(campaignItem(tenantId, campaign(campaignId))),
    recipient: itemBytes(
      toItem(
        'campaignRecipient',
        keys.campaignRecipient(tenantId, campaignId, customerId, CAMPAIGN_RECIPIENT_PARTITIONS),
        recipient(campaignId, customerId),
      ),
    ),
    unsubscribeLink: itemBytes(
      toItem(
        'unsubscribeLink',
        { ...unsubscribe, ...tenantDirectory.index(tenantId, 'UNSUBLINKS', unsubscribe.pk) },
        { tenantId, customerId, campaignId, validUntil: AT },
        { expiresAt: 1_800_000_000 },
      ),
    ),
    order: itemBytes(
      interactionItem(
        tenantId,
        testInteraction({ id: fixedId('ORDER', 1), customerId, amount: 48_210, text: '订单 SO-2026-118734' }),
      ),
    ),
  };
}
