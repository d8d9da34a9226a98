import { inHoldout } from '@crm/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { campaignFixtures, type OutboxMail } from '../support/campaign-fixtures.js';
import { call, createTestApp, type SignedUpTenant, signUpTenant, uniqueEmail } from '../support/test-app.js';

type Mail = OutboxMail;

/** Campaigns (issue 15): consent, unsubscribe, throttling, resumable sends, hold-out and uplift. */
describe('campaigns', () => {
  // A clock the test moves: the send rate is per minute.
  let now = Date.now();
  const app = createTestApp({ clock: () => new Date(now) });
  let owner: SignedUpTenant;
  let other: SignedUpTenant;

  const { newCustomer, newSegment, newCampaign, mails } = campaignFixtures(app, () => owner.auth);
  const send = (campaignId: string) =>
    call(app, 'POST', `/v1/campaigns/${campaignId}/send`, { auth: owner.auth });
  const unsubscribeToken = (mail: Mail | undefined) =>
    /https:\/\/crm\.test\/u\/([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1];

  beforeAll(async () => {
    [owner, other] = await Promise.all([
      signUpTenant(app, 'Campaign Tenant 营销'),
      signUpTenant(app, 'Other'),
    ]);
  });

  it('sends once to each consenting customer, skips the unsubscribed and those without an address, and unsubscribes by the link', async () => {
    const tag = 'spring';
    const [reader] = await Promise.all([
      newCustomer({ name: '王记粮油', email: uniqueEmail('reader'), tags: [tag] }),
      newCustomer({ name: 'Refused', email: uniqueEmail('refused'), tags: [tag], marketingConsent: false }),
      newCustomer({ name: 'No Mail', tags: [tag] }),
      newCustomer({ name: 'Second', email: uniqueEmail('second'), tags: [tag] }),
    ]);
    const segmentId = await newSegment(tag);
    const campaignId = await newCampaign({ segmentId });

    const sent = await send(campaignId);
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body).toMatchObject({
      done: true,
      campaign: { status: 'sent', progress: { processed: 4, sent: 2, skipped: 2, bounced: 0, holdout: 0 } },
    });
    const readerMail = (await mails()).find(
      (mail) => mail.kind === 'campaign' && mail.subject === '王记粮油，春季优惠',
    );
    expect(readerMail?.text).toContain('您好 王记粮油，您已下单 0 次。');

    // Sending again sends nothing twice.
    const again = await send(campaignId);
    expect(again.status).toBe(200);
    expect((await mails()).filter((mail) => mail.kind === 'campaign').length).toBe(2);

    // The link: what it shows, then unsubscribing (twice is fine).
    const token = unsubscribeToken(readerMail);
    expect(token).toBeTruthy();
    const page = await call(app, 'GET', `/v1/public/unsubscribe/${token}`);
    expect(page.body).toEqual({ tenantName: 'Campaign Tenant 营销', unsubscribed: false });
    for (let click = 0; click < 2; click++) {
      const done = await call(app, 'POST', `/v1/public/unsubscribe/${token}`);
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ unsubscribed: true });
    }
    expect((await call(app, 'GET', '/v1/public/unsubscribe/not-a-link')).status).toBe(404);
    const customer = await call(app, 'GET', `/v1/customers/${reader}`, { auth: owner.auth });
    expect(customer.body).toMatchObject({ marketingConsent: false });
    expect(customer.body.unsubscribedAt).toEqual(expect.any(String));

    const results = await call(app, 'GET', `/v1/campaigns/${campaignId}/results`, { auth: owner.auth });
    expect(results.status).toBe(200);
    expect(results.body).toMatchObject({
      sent: 2,
      skipped: 2,
      skippedByReason: { no_consent: 1, no_email: 1, unsubscribed: 0 },
      bounced: 0,
      unsubscribed: 1,
      holdout: 0,
    });

    // A later campaign to the same segment skips the customer who unsubscribed.
    const later = await newCampaign({ segmentId, name: 'Summer' });
    expect((await send(later)).body).toMatchObject({ campaign: { progress: { sent: 1, skipped: 3 } } });
    const laterResults = await call(app, 'GET', `/v1/campaigns/${later}/results`, { auth: owner.auth });
    expect(laterResults.body).toMatchObject({
      skippedByReason: { unsubscribed: 1, no_consent: 1, no_email: 1 },
    });
  });

  it('reaches each consenting contact of a company, skips the one who unsubscribed, and a link unsubscribes exactly its address', async () => {
    const tag = 'contacts';
    const company = await call(app, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: { kind: 'business', name: 'Acme 机械', email: uniqueEmail('acme-info'), tags: [tag] },
    });
    expect(company.status, JSON.stringify(company.body)).toBe(201);
    const customerId = company.body.id as string;
    const newContact = async (body: Record<string, unknown>) => {
      const created = await call(app, 'POST', `/v1/customers/${customerId}/contacts`, {
        auth: owner.auth,
        body,
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return created.body as { id: string; email: string; version: number };
    };
    const li = await newContact({
      name: '李娜',
      email: uniqueEmail('li'),
      emailConsent: true,
      primary: true,
    });
    const wang = await newContact({ name: '王强', email: uniqueEmail('wang'), emailConsent: true });
    const zhao = await newContact({ name: '赵敏', email: uniqueEmail('zhao') });
    const segmentId = await newSegment(tag);
    const outboxTo = async (address: string) =>
      (await mails()).filter((mail) => mail.kind === 'campaign' && mail.to === address);

    // Three colleagues, three messages, each with its own link; the company's own address is not used.
    const first = await newCampaign({ segmentId, name: 'Contacts 1' });
    expect((await send(first)).body).toMatchObject({ done: true, campaign: { progress: { sent: 1 } } });
    const [liMail] = await outboxTo(li.email);
    expect(liMail).toBeDefined();
    expect(await outboxTo(wang.email)).toHaveLength(1);
    expect(await outboxTo(zhao.email)).toHaveLength(1);
    expect(await outboxTo(company.body.email as string)).toHaveLength(0);

    // Li unsubscribes through her link: her consent only; Wang's and the customer's stand.
    const token = unsubscribeToken(liMail);
    expect((await call(app, 'GET', `/v1/public/unsubscribe/${token}`)).body).toMatchObject({
      unsubscribed: false,
    });
    expect((await call(app, 'POST', `/v1/public/unsubscribe/${token}`)).status).toBe(200);
    expect((await call(app, 'GET', `/v1/public/unsubscribe/${token}`)).body).toMatchObject({
      unsubscribed: true,
    });
    const liNow = await call(app, 'GET', `/v1/customers/${customerId}/contacts/${li.id}`, {
      auth: owner.auth,
    });
    expect(liNow.body).toMatchObject({ emailConsent: false, emailUnsubscribedAt: expect.any(String) });
    const wangNow = await call(app, 'GET', `/v1/customers/${customerId}/contacts/${wang.id}`, {
      auth: owner.auth,
    });
    expect(wangNow.body).toMatchObject({ emailConsent: true });
    expect(wangNow.body.emailUnsubscribedAt).toBeUndefined();
    const customer = await call(app, 'GET', `/v1/customers/${customerId}`, { auth: owner.auth });
    expect(customer.body.marketingConsent).toBeUndefined();
    // The results count her unsubscribe per address too, once however often she clicks.
    expect((await call(app, 'POST', `/v1/public/unsubscribe/${token}`)).status).toBe(200);
    expect(
      (await call(app, 'GET', `/v1/campaigns/${first}/results`, { auth: owner.auth })).body,
    ).toMatchObject({
      unsubscribed: 1,
      messages: { sent: 3, unsubscribed: 1 },
    });

    // The preview lists every address as the send would decide it: Li left out, her colleagues
    // reached, Zhao too unless the campaign requires consent.
    const preview = async (requireConsent: boolean) =>
      (
        await call(app, 'POST', '/v1/campaigns/preview', {
          auth: owner.auth,
          body: { customerId, channel: 'email', body: { zh: '您好', en: 'Hello' }, requireConsent },
        })
      ).body as {
        to: string | null;
        addresses: { contactName: string | null; to: string; sent: boolean; reason: string | null }[];
      };
    const open = await preview(false);
    expect(open.to).toBe(wang.email);
    expect(open.addresses).toEqual([
      { contactId: wang.id, contactName: '王强', to: wang.email, sent: true, reason: null },
      { contactId: zhao.id, contactName: '赵敏', to: zhao.email, sent: true, reason: null },
      { contactId: li.id, contactName: '李娜', to: li.email, sent: false, reason: 'unsubscribed' },
    ]);
    expect((await preview(true)).addresses.map(({ to, sent, reason }) => ({ to, sent, reason }))).toEqual([
      { to: wang.email, sent: true, reason: null },
      { to: li.email, sent: false, reason: 'unsubscribed' },
      { to: zhao.email, sent: false, reason: 'no_consent' },
    ]);

    // The next campaign, asking for consent: Wang only (Li unsubscribed, Zhao never said yes).
    const second = await newCampaign({ segmentId, name: 'Contacts 2', requireConsent: true });
    expect((await send(second)).body).toMatchObject({
      done: true,
      campaign: { progress: { sent: 1, skipped: 0 } },
    });
    expect(await outboxTo(li.email)).toHaveLength(1);
    expect(await outboxTo(wang.email)).toHaveLength(2);
    expect(await outboxTo(zhao.email)).toHaveLength(1);
    const results = await call(app, 'GET', `/v1/campaigns/${second}/results`, { auth: owner.auth });
    expect(results.body).toMatchObject({
      sent: 1,
      skipped: 0,
      messages: { sent: 1, bounced: 0, skipped: 2, skippedByReason: { unsubscribed: 1, no_consent: 1 } },
    });

    // Giving consent again lifts the unsubscribe.
    const again = await call(app, 'PATCH', `/v1/customers/${customerId}/contacts/${li.id}`, {
      auth: owner.auth,
      headers: { 'If-Match': `"${liNow.body.version}"` },
      body: { emailConsent: true },
    });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.emailUnsubscribedAt).toBeUndefined();
  });

  it('respects the tenant’s send rate: stops when the minute is used up and resumes the next minute without resending', async () => {
    const settings = await call(app, 'PUT', '/v1/campaign-settings', {
      auth: owner.auth,
      body: { sendRatePerMinute: 2 },
    });
    expect(settings.status).toBe(200);
    now = Math.ceil(now / 60_000) * 60_000 + 60_000; // the start of a fresh minute
    const tag = 'throttle';
    await Promise.all(
      Array.from({ length: 5 }, (_, index) =>
        newCustomer({ name: `T${index}`, email: uniqueEmail('t'), tags: [tag] }),
      ),
    );
    const campaignId = await newCampaign({
      segmentId: await newSegment(tag),
      channel: 'sms',
      subject: undefined,
    });
    // SMS needs a phone: give them one so the rate (not the address) is what stops the send.
    const segment = await call(app, 'GET', `/v1/campaigns/${campaignId}`, { auth: owner.auth });
    expect(segment.body.channel).toBe('sms');
    const members = await call(app, 'GET', `/v1/segments/${segment.body.segmentId}/members`, {
      auth: owner.auth,
    });
    for (const member of members.body.items as { id: string; version: number }[]) {
      const patched = await call(app, 'PATCH', `/v1/customers/${member.id}`, {
        auth: owner.auth,
        headers: { 'If-Match': String(member.version) },
        body: { phone: '+86 138 0000 0000' },
      });
      expect(patched.status).toBe(200);
    }

    const first = await send(campaignId);
    expect(first.status, JSON.stringify(first.body)).toBe(202);
    expect(first.body).toMatchObject({ done: false, campaign: { status: 'sending', progress: { sent: 2 } } });
    expect(first.body.retryAfterSeconds).toBeGreaterThan(0);
    expect(first.headers.get('retry-after')).toBe(String(first.body.retryAfterSeconds));

    const sameMinute = await send(campaignId);
    expect(sameMinute.body).toMatchObject({ done: false, campaign: { progress: { sent: 2 } } });

    now += 60_000;
    const nextMinute = await send(campaignId);
    expect(nextMinute.body).toMatchObject({ done: false, campaign: { progress: { sent: 4 } } });
    now += 60_000;
    const last = await send(campaignId);
    expect(last.status).toBe(200);
    expect(last.body).toMatchObject({
      done: true,
      campaign: { status: 'sent', progress: { sent: 5, processed: 5 } },
    });
    const sms = (await mails()).filter(
      (mail) => mail.kind === 'campaign-sms' && mail.to === '+86 138 0000 0000',
    );
    expect(sms.length).toBe(5);
    await call(app, 'PUT', '/v1/campaign-settings', { auth: owner.auth, body: { sendRatePerMinute: 120 } });
  });

  it('holds out the seeded share of the segment and measures uplift against it', async () => {
    const tag = 'holdout';
    const segmentId = await newSegment(tag);
    const campaignId = await newCampaign({ segmentId, holdoutPercent: 40, conversionDays: 7 });
    // Customers join until the draw gives 3 contacted and 2 held out: the hold-out is a pure
    // function of the campaign and customer ids, so the test knows each group before sending.
    const contacted: string[] = [];
    const heldOut: string[] = [];
    while (contacted.length < 3 || heldOut.length < 2) {
      const id = await newCustomer({
        name: `H${contacted.length + heldOut.length}`,
        email: uniqueEmail('h'),
        tags: [tag],
      });
      const group = inHoldout({ campaignId, customerId: id, holdoutPercent: 40 }) ? heldOut : contacted;
      if (group.length < (group === heldOut ? 2 : 3)) group.push(id);
      else {
        const archived = await call(app, 'DELETE', `/v1/customers/${id}`, { auth: owner.auth });
        expect(archived.status).toBe(200);
      }
    }
    const sent = await send(campaignId);
    expect(sent.body).toMatchObject({ done: true, campaign: { progress: { sent: 3, holdout: 2 } } });
    const recipients = (await mails()).filter(
      (mail) => mail.kind === 'campaign' && mail.subject.startsWith('H'),
    );
    expect(recipients.length).toBe(3);

    // After the send: 2 of 3 contacted buy, 1 of 2 held out does.
    now += 1000;
    for (const customerId of [contacted[0], contacted[1], heldOut[0]]) {
      const order = await call(app, 'POST', `/v1/customers/${customerId}/interactions`, {
        auth: owner.auth,
        body: { type: 'order', amount: 5_000, currency: 'CNY', occurredAt: new Date(now).toISOString() },
      });
      expect(order.status, JSON.stringify(order.body)).toBe(201);
    }
    const results = await call(app, 'GET', `/v1/campaigns/${campaignId}/results`, { auth: owner.auth });
    expect(results.body).toMatchObject({
      sent: 3,
      holdout: 2,
      contacted: { customers: 3, converted: 2 },
      holdoutGroup: { customers: 2, converted: 1 },
      windowOpen: true,
    });
    expect(results.body.uplift as number).toBeCloseTo(2 / 3 - 1 / 2, 10);
  });

  it('refuses bad input with field errors and writes nothing; another tenant cannot reach the campaign', async () => {
    const segmentId = await newSegment('bad-input');
    const before = await call(app, 'GET', '/v1/campaigns?limit=200', { auth: owner.auth });
    const unknownPlaceholder = await call(app, 'POST', '/v1/campaigns', {
      auth: owner.auth,
      body: {
        name: 'Typos',
        channel: 'email',
        segmentId,
        subject: { zh: '{{name}}', en: '{{nmae}}' },
        body: { zh: '{{colour}}', en: 'ok' },
      },
    });
    expect(unknownPlaceholder.status).toBe(400);
    const fields = (unknownPlaceholder.body.error as { fields: { path: string; message: string }[] }).fields;
    expect(fields.map((field) => field.path).sort()).toEqual(['body.zh', 'subject.en']);
    expect(fields.find((field) => field.path === 'subject.en')?.message).toContain('{{nmae}}');

    const invalid = await call(app, 'POST', '/v1/campaigns', {
      auth: owner.auth,
      body: { name: '', channel: 'fax', segmentId, body: { zh: 'x', en: 'y' }, holdoutPercent: 90 },
    });
    expect(invalid.status).toBe(400);
    const invalidPaths = (invalid.body.error as { fields: { path: string }[] }).fields.map(
      (field) => field.path,
    );
    expect(invalidPaths).toEqual(expect.arrayContaining(['name', 'channel', 'holdoutPercent']));

    const noSegment = await call(app, 'POST', '/v1/campaigns', {
      auth: owner.auth,
      body: {
        name: 'Nowhere',
        channel: 'sms',
        segmentId: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
        body: { zh: 'x', en: 'y' },
      },
    });
    expect(noSegment.status).toBe(400);
    expect(JSON.stringify(noSegment.body)).toContain('segmentId');

    const after = await call(app, 'GET', '/v1/campaigns?limit=200', { auth: owner.auth });
    expect((after.body.items as unknown[]).length).toBe((before.body.items as unknown[]).length);

    const campaignId = await newCampaign({ segmentId });
    expect((await call(app, 'GET', `/v1/campaigns/${campaignId}`, { auth: other.auth })).status).toBe(404);
    expect((await call(app, 'POST', `/v1/campaigns/${campaignId}/send`, { auth: other.auth })).status).toBe(
      404,
    );
  });

  it('edits a draft at its version only, and never once it has been sent', async () => {
    const segmentId = await newSegment('edits');
    const campaignId = await newCampaign({ segmentId });
    const edited = await call(app, 'PATCH', `/v1/campaigns/${campaignId}`, {
      auth: owner.auth,
      headers: { 'If-Match': '1' },
      body: { name: 'Renamed', holdoutPercent: 10 },
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ name: 'Renamed', holdoutPercent: 10, version: 2 });
    const stale = await call(app, 'PATCH', `/v1/campaigns/${campaignId}`, {
      auth: owner.auth,
      headers: { 'If-Match': '1' },
      body: { name: 'Stale' },
    });
    expect(stale.status).toBe(409);
    await send(campaignId);
    const sentCampaign = await call(app, 'GET', `/v1/campaigns/${campaignId}`, { auth: owner.auth });
    const afterSend = await call(app, 'PATCH', `/v1/campaigns/${campaignId}`, {
      auth: owner.auth,
      headers: { 'If-Match': String(sentCampaign.body.version) },
      body: { name: 'Too late' },
    });
    expect(afterSend.status).toBe(409);
    expect((await call(app, 'DELETE', `/v1/campaigns/${campaignId}`, { auth: owner.auth })).status).toBe(409);
  });

  it('sends a survey to a saved segment’s members (issue 14)', async () => {
    const tag = 'survey-seg';
    const email = uniqueEmail('survey');
    await newCustomer({ name: 'Survey taker', email, tags: [tag] });
    const segmentId = await newSegment(tag);
    const survey = await call(app, 'POST', '/v1/surveys', {
      auth: owner.auth,
      body: {
        title: { zh: '满意度', en: 'Satisfaction' },
        questions: [{ id: 'csat', kind: 'csat', text: { zh: '满意吗？', en: 'Satisfied?' } }],
      },
    });
    const surveyId = survey.body.id as string;
    await call(app, 'PATCH', `/v1/surveys/${surveyId}`, {
      auth: owner.auth,
      headers: { 'If-Match': '1' },
      body: { status: 'active' },
    });
    const both = await call(app, 'POST', `/v1/surveys/${surveyId}/send`, {
      auth: owner.auth,
      body: { segmentId, customerIds: ['01ARZ3NDEKTSV4RRFFQ69G5FAV'] },
    });
    expect(both.status).toBe(400);
    const sent = await call(app, 'POST', `/v1/surveys/${surveyId}/send`, {
      auth: owner.auth,
      body: { segmentId },
    });
    // A segment send is a send run (issue 15): one member fits its first page.
    expect(sent.status, JSON.stringify(sent.body)).toBe(202);
    expect(sent.body).toMatchObject({ status: 'finished', segmentId, counts: { examined: 1, invited: 1 } });
    const mails = (await call(app, 'GET', '/v1/dev/outbox', { auth: owner.auth })).body.items as {
      kind?: string;
      to: string;
    }[];
    expect(mails.filter((mail) => mail.kind === 'survey').map((mail) => mail.to)).toContain(email);
  });
});
