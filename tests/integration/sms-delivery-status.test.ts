import { randomInt } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { createServices } from '@crm/app';
import { smsDeliveryStatusHandler } from '@crm/functions/mail/sms-delivery-status';
import { beforeAll, describe, expect, it } from 'vitest';
import { campaignFixtures } from '../support/campaign-fixtures.js';
import {
  call,
  createTestApp,
  type SignedUpTenant,
  signUpTenant,
  TEST_PUBLIC_URL,
  testSigningKey,
} from '../support/test-app.js';
import { testTableClient } from '../support/test-table.js';

type SmsMail = { id: string; to: string; kind?: string };

/** A phone number nobody else's run uses (the suppression list is platform-wide). */
const uniquePhone = () => `+86 139 ${randomInt(1000, 9999)} ${randomInt(1000, 9999)}`;

/** What SNS writes to CloudWatch Logs for one SMS, as the subscription filter hands it over. */
function logsEvent(lines: { messageId: string; to: string; response: string; status?: string }[]) {
  const payload = {
    messageType: 'DATA_MESSAGE',
    owner: '123456789012',
    logGroup: 'sns/eu-west-1/123456789012/DirectPublishToPhoneNumber/Failure',
    logStream: 'stream',
    subscriptionFilters: ['filter'],
    logEvents: lines.map((line, index) => ({
      id: `${Date.now()}${index}`,
      timestamp: Date.now(),
      message: JSON.stringify({
        notification: { messageId: line.messageId, timestamp: '2026-12-02 16:40:34.559' },
        delivery: {
          destination: line.to.replace(/\s/g, ''),
          providerResponse: line.response,
          smsType: 'Promotional',
          priceInUSD: 0.00645,
        },
        status: line.status ?? 'FAILURE',
      }),
    })),
  };
  return { awslogs: { data: gzipSync(Buffer.from(JSON.stringify(payload))).toString('base64') } };
}

/**
 * SMS delivery status fed back (issue 15): SNS's log lines, unpacked by the Lambda's own code,
 * bounce the failed message once, suppress a number that never takes SMS, and touch no other
 * tenant; the local mailbox feeds the same service.
 */
describe('campaign SMS delivery status', () => {
  const app = createTestApp();
  // The Lambda's service, as the handler builds it, on the same table.
  const { smsDelivery } = createServices({
    table: testTableClient(),
    signingKey: testSigningKey,
    publicUrl: TEST_PUBLIC_URL,
  });
  const handler = smsDeliveryStatusHandler({ smsDelivery, logger: { info: () => {}, warn: () => {} } });
  let owner: SignedUpTenant;
  let other: SignedUpTenant;
  const ours = campaignFixtures(app, () => owner.auth);
  const theirs = campaignFixtures(app, () => other.auth);

  beforeAll(async () => {
    [owner, other] = await Promise.all([signUpTenant(app, 'SMS 短信'), signUpTenant(app, 'SMS other')]);
  });

  const smsCampaign = (fixtures: typeof ours, segmentId: string, name: string) =>
    fixtures.newCampaign({
      name,
      channel: 'sms',
      subject: undefined,
      segmentId,
      body: { zh: '{{name}} 春季优惠', en: '{{name}} spring offer' },
    });
  const smsTo = async (auth: { Authorization: string }, phone: string) =>
    ((await call(app, 'GET', '/v1/dev/outbox', { auth })).body.items as SmsMail[]).filter(
      (mail) => mail.kind === 'campaign-sms' && mail.to === phone,
    );
  // A send answers `done: false` when its time budget runs out (a slow machine): call again.
  const sendAll = async (auth: { Authorization: string }, campaignId: string) => {
    for (let call_ = 0; call_ < 20; call_++) {
      const sent = await call(app, 'POST', `/v1/campaigns/${campaignId}/send`, { auth });
      expect(sent.status, JSON.stringify(sent.body)).toBeLessThan(300);
      if (sent.body.done) return;
    }
    throw new Error('the send did not finish');
  };
  const results = async (auth: { Authorization: string }, campaignId: string) =>
    (await call(app, 'GET', `/v1/campaigns/${campaignId}/results`, { auth })).body;

  it('bounces a failed SMS once, however often SNS reports it, suppresses a number that never takes SMS, and leaves another tenant alone', async () => {
    const tag = `sms-${randomInt(1e9)}`;
    const company = await call(app, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: { kind: 'business', name: 'Acme 机械', tags: [tag] },
    });
    expect(company.status, JSON.stringify(company.body)).toBe(201);
    const [liPhone, wangPhone, consumerPhone, otherPhone] = [
      uniquePhone(),
      uniquePhone(),
      uniquePhone(),
      uniquePhone(),
    ];
    for (const [name, phone] of [
      ['李娜', liPhone],
      ['王强', wangPhone],
    ] as const) {
      const contact = await call(app, 'POST', `/v1/customers/${company.body.id}/contacts`, {
        auth: owner.auth,
        body: { name, phone, smsConsent: true },
      });
      expect(contact.status, JSON.stringify(contact.body)).toBe(201);
    }
    await ours.newCustomer({ name: '个人', phone: consumerPhone, tags: [tag] });
    const campaignId = await smsCampaign(ours, await ours.newSegment(tag), 'SMS 1');
    // The other tenant sends an SMS campaign of its own at the same time.
    await theirs.newCustomer({ name: 'Other', phone: otherPhone, tags: [tag] });
    const otherCampaign = await smsCampaign(theirs, await theirs.newSegment(tag), 'SMS other');
    await sendAll(owner.auth, campaignId);
    await sendAll(other.auth, otherCampaign);
    expect(await results(owner.auth, campaignId)).toMatchObject({
      sent: 2,
      bounced: 0,
      messages: { sent: 3, bounced: 0 },
    });
    const [li] = await smsTo(owner.auth, liPhone);
    const [wang] = await smsTo(owner.auth, wangPhone);
    const [consumer] = await smsTo(owner.auth, consumerPhone);
    const [otherSms] = await smsTo(other.auth, otherPhone);
    if (!li || !wang || !consumer || !otherSms) throw new Error('an SMS is missing from the outbox');

    // Li's number is invalid: her message bounces; the company still got Wang's, so it stays sent.
    const invalid = logsEvent([{ messageId: li.id, to: liPhone, response: 'Invalid phone number' }]);
    expect(await handler(invalid)).toEqual({ read: 1, bounced: 1, duplicate: 0, unknown: 0 });
    expect(await results(owner.auth, campaignId)).toMatchObject({
      sent: 2,
      bounced: 0,
      messages: { sent: 2, bounced: 1 },
    });
    // The same log event again (a retried invocation): counted once.
    expect(await handler(invalid)).toEqual({ read: 1, bounced: 0, duplicate: 1, unknown: 0 });
    expect(await results(owner.auth, campaignId)).toMatchObject({ messages: { sent: 2, bounced: 1 } });

    // Wang's phone is off (may work tomorrow), in one event with a delivered line: now no one at
    // the company got it, so the customer turns bounced, and the campaign's counters follow.
    const off = logsEvent([
      {
        messageId: consumer.id,
        to: consumerPhone,
        response: 'Message has been accepted by phone carrier',
        status: 'SUCCESS',
      },
      { messageId: wang.id, to: wangPhone, response: 'Phone is currently unreachable/unavailable' },
      { messageId: wang.id, to: wangPhone, response: 'Phone is currently unreachable/unavailable' },
    ]);
    expect(await handler(off)).toEqual({ read: 3, bounced: 1, duplicate: 1, unknown: 0 });
    expect(await results(owner.auth, campaignId)).toMatchObject({
      sent: 1,
      bounced: 1,
      messages: { sent: 1, bounced: 2 },
    });
    const campaign = await call(app, 'GET', `/v1/campaigns/${campaignId}`, { auth: owner.auth });
    expect(campaign.body.progress).toMatchObject({ sent: 1, bounced: 1 });

    // The local mailbox reports the consumer's SMS failed through the same service.
    const form = new URLSearchParams({
      messageId: consumer.id,
      to: consumerPhone,
      response: 'Phone is currently unreachable/unavailable',
    });
    const marked = await app.request('/dev/mailbox/sms-status', {
      method: 'POST',
      body: form,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(marked.status).toBe(303);
    expect(await results(owner.auth, campaignId)).toMatchObject({
      sent: 0,
      bounced: 2,
      messages: { sent: 0, bounced: 3 },
    });
    // A report about a message nobody sent changes nothing.
    expect(
      await handler(
        logsEvent([
          {
            messageId: 'unknown-id',
            to: uniquePhone(),
            response: 'Phone is currently unreachable/unavailable',
          },
        ]),
      ),
    ).toEqual({ read: 1, bounced: 0, duplicate: 0, unknown: 1 });

    // The other tenant's SMS went out and stays sent.
    expect(await results(other.auth, otherCampaign)).toMatchObject({
      sent: 1,
      bounced: 0,
      messages: { sent: 1, bounced: 0 },
    });

    // The next campaign passes over Li's invalid number only (suppressed); Wang's may work again.
    const next = await smsCampaign(ours, await ours.newSegment(tag), 'SMS 2');
    await sendAll(owner.auth, next);
    expect(await results(owner.auth, next)).toMatchObject({
      sent: 2,
      messages: { sent: 2, skipped: 1, skippedByReason: { suppressed: 1 } },
    });
    expect(await smsTo(owner.auth, liPhone)).toHaveLength(1);
    expect(await smsTo(owner.auth, wangPhone)).toHaveLength(2);
  });
});
