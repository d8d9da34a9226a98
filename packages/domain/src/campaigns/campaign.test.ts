import { describe, expect, it } from 'vitest';
import { type Customer, emptyCustomerStats } from '../customer.schema.js';
import { CampaignInputSchema } from './campaign.schema.js';
import { holdoutDraw, inHoldout } from './campaign-holdout.js';
import { placeholderValues, renderCampaignText, unknownPlaceholders } from './campaign-template.js';
import { groupConversion, upliftOf } from './campaign-uplift.js';

const customer: Customer = {
  id: '01JCUST000000000000000000A',
  name: '王记粮油',
  kind: 'consumer',
  status: 'active',
  tags: [],
  customFields: {},
  stats: { ...emptyCustomerStats(), orderCount: 3, lastOrderAt: '2026-03-04T10:00:00.000Z' },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  createdBy: '01JUSER0000000000000000001',
  version: 1,
};

describe('campaign templates', () => {
  it('names each unknown placeholder once, whatever the spacing', () => {
    expect(unknownPlaceholders('Hi {{ name }}, {{nmae}} {{nmae}} {{ clv }} {{colour}}')).toEqual([
      'nmae',
      'colour',
    ]);
    expect(unknownPlaceholders('您好 {{name}}')).toEqual([]);
  });

  it('fills the customer’s name, figures and the tenant, with a dash for what is not known yet', () => {
    const values = placeholderValues(customer, { tenantName: '小店', locale: 'zh', currency: 'CNY' });
    expect(
      renderCampaignText(
        '{{name}}·{{orderCount}}·{{lastOrderDate}}·{{clv}}·{{tenantName}}·{{expectedNextPurchase}}',
        values,
      ),
    ).toBe('王记粮油·3·2026-03-04·—·小店·—');
  });

  it('formats the CLV from minor units in the tenant’s currency', () => {
    const scored = {
      ...customer,
      scores: { clv: 123_456, nextPurchaseAt: '2026-05-01' } as unknown as Customer['scores'],
    };
    const values = placeholderValues(scored, { tenantName: 'Shop', locale: 'en', currency: 'USD' });
    expect(values.clv).toBe('$1,234.56');
    expect(values.expectedNextPurchase).toBe('2026-05-01');
  });

  it('needs a subject for an e-mail but not for an SMS', () => {
    const base = { name: 'Spring', segmentId: '01JSEGM000000000000000000A', body: { zh: '您好', en: 'Hi' } };
    const email = CampaignInputSchema.safeParse({ ...base, channel: 'email' });
    expect(email.success).toBe(false);
    expect(email.error?.issues[0]?.path).toEqual(['subject']);
    expect(CampaignInputSchema.safeParse({ ...base, channel: 'sms' }).success).toBe(true);
  });
});

describe('hold-out draw', () => {
  it('picks the same customers on every run, about the share asked for', () => {
    const ids = Array.from({ length: 2000 }, (_, index) => `C${index}`);
    const first = ids.filter((customerId) => inHoldout({ campaignId: 'K1', customerId, holdoutPercent: 10 }));
    const again = ids.filter((customerId) => inHoldout({ campaignId: 'K1', customerId, holdoutPercent: 10 }));
    expect(again).toEqual(first);
    // Binomial(2000, 0.1): mean 200, sd ≈ 13.4; ±5 sd.
    expect(first.length).toBeGreaterThan(133);
    expect(first.length).toBeLessThan(267);
  });

  it('draws independently per campaign and never holds out at 0 %', () => {
    expect(holdoutDraw('K1', 'C1')).not.toBe(holdoutDraw('K2', 'C1'));
    expect(inHoldout({ campaignId: 'K1', customerId: 'C1', holdoutPercent: 0 })).toBe(false);
  });
});

describe('uplift', () => {
  it('is the contacted rate minus the hold-out rate', () => {
    expect(upliftOf(groupConversion(8, 4), groupConversion(4, 1))).toBeCloseTo(0.25, 10);
    expect(upliftOf(groupConversion(8, 4), groupConversion(0, 0))).toBeNull();
  });
});
