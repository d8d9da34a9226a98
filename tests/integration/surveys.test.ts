import { beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type SignedUpTenant, signUpTenant, uniqueEmail } from '../support/test-app.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const text = (en: string, zh: string) => ({ en, zh });
const questions = [
  {
    id: 'nps',
    kind: 'nps',
    text: text('How likely are you to recommend us?', '您向朋友推荐我们的可能性有多大？'),
  },
  { id: 'csat', kind: 'csat', text: text('How satisfied are you?', '您对我们的服务满意吗？') },
  {
    id: 'quality',
    kind: 'likert',
    points: 7,
    text: text('The products are of high quality', '产品质量很高'),
    lowLabel: text('Strongly disagree', '非常不同意'),
    highLabel: text('Strongly agree', '非常同意'),
  },
  {
    id: 'staff',
    kind: 'semantic',
    text: text('Our staff were', '我们的员工'),
    left: text('unhelpful', '没有帮助'),
    right: text('helpful', '很有帮助'),
    required: false,
  },
  { id: 'note', kind: 'text', text: text('Anything else?', '其他意见？'), required: false },
];

type Mail = { to: string; text: string; kind?: string };

/** Satisfaction surveys (issue 14): send → mailed link → public answer → results and the customer's figure. */
describe('satisfaction surveys', () => {
  const app = createTestApp();
  let owner: SignedUpTenant;
  let other: SignedUpTenant;
  let surveyId: string;
  const customers: Record<'direct' | 'viaContact' | 'noEmail', string> = {
    direct: '',
    viaContact: '',
    noEmail: '',
  };
  const directEmail = uniqueEmail('buyer');
  const contactEmail = uniqueEmail('contact');
  const links: Record<string, string> = {};

  const newCustomer = async (body: Record<string, unknown>) => {
    const created = await call(app, 'POST', '/v1/customers', { auth: owner.auth, body });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.id as string;
  };
  const tokenOf = (email: string, mails: Mail[]) => {
    const mail = mails.find((m) => m.to === email && m.kind === 'survey');
    return /https:\/\/crm\.test\/s\/([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1];
  };

  beforeAll(async () => {
    [owner, other] = await Promise.all([
      signUpTenant(app, 'Survey Tenant 调查'),
      signUpTenant(app, 'Other Tenant'),
    ]);
    [customers.direct, customers.viaContact, customers.noEmail] = await Promise.all([
      newCustomer({ name: '王记粮油', kind: 'business', email: directEmail }),
      newCustomer({ name: 'Li Hardware', kind: 'business' }),
      newCustomer({ name: 'No Mail Ltd', kind: 'business' }),
    ]);
    const contact = await call(app, 'POST', `/v1/customers/${customers.viaContact}/contacts`, {
      auth: owner.auth,
      body: { name: '李经理', email: contactEmail, primary: true },
    });
    expect(contact.status, JSON.stringify(contact.body)).toBe(201);
    const created = await call(app, 'POST', '/v1/surveys', {
      auth: owner.auth,
      body: { title: text('Service survey', '服务满意度调查'), questions },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', version: 1, sentCount: 0 });
    surveyId = created.body.id as string;
  });

  it('sends only an active survey, after a versioned change', async () => {
    const draftSend = await call(app, 'POST', `/v1/surveys/${surveyId}/send`, {
      auth: owner.auth,
      body: { customerIds: [customers.direct] },
    });
    expect(draftSend.status).toBe(409);
    const noVersion = await call(app, 'PATCH', `/v1/surveys/${surveyId}`, {
      auth: owner.auth,
      body: { status: 'active' },
    });
    expect(noVersion.status).toBe(428);
    const stale = await call(app, 'PATCH', `/v1/surveys/${surveyId}`, {
      auth: owner.auth,
      body: { status: 'active' },
      headers: { 'If-Match': '"7"' },
    });
    expect(stale.status).toBe(409);
    const activated = await call(app, 'PATCH', `/v1/surveys/${surveyId}`, {
      auth: owner.auth,
      body: { status: 'active', version: 1 },
    });
    expect(activated.status, JSON.stringify(activated.body)).toBe(200);
    expect(activated.body).toMatchObject({ status: 'active', version: 2 });
    const frozen = await call(app, 'PATCH', `/v1/surveys/${surveyId}`, {
      auth: owner.auth,
      body: { questions: questions.slice(0, 1), version: 2 },
    });
    expect(frozen.status).toBe(409);
  });

  it('mails each customer a personal link and reports those without an address', async () => {
    const sent = await call(app, 'POST', `/v1/surveys/${surveyId}/send`, {
      auth: owner.auth,
      body: { customerIds: [customers.direct, customers.viaContact, customers.noEmail], locale: 'en' },
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body.skipped).toEqual([{ customerId: customers.noEmail, reason: 'no_email' }]);
    expect((sent.body.sent as { email: string }[]).map((s) => s.email).sort()).toEqual(
      [directEmail, contactEmail].sort(),
    );
    const outbox = await call(app, 'GET', '/v1/dev/outbox', { auth: owner.auth });
    const mails = outbox.body.items as Mail[];
    links.direct = tokenOf(directEmail, mails) ?? '';
    links.viaContact = tokenOf(contactEmail, mails) ?? '';
    expect(links.direct).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(links.viaContact).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('shows the public page only the questions, the title and the tenant’s name', async () => {
    const page = await call(app, 'GET', `/v1/public/surveys/${links.direct}`);
    expect(page.status).toBe(200);
    expect(Object.keys(page.body).sort()).toEqual([
      'intro',
      'questions',
      'tenantName',
      'title',
      'validUntil',
    ]);
    expect(page.body.tenantName).toBe('Survey Tenant 调查');
    expect((page.body.questions as unknown[]).length).toBe(questions.length);
  });

  it('refuses out-of-scale answers with field errors and writes nothing', async () => {
    const bad = await call(app, 'POST', `/v1/public/surveys/${links.direct}`, {
      body: { answers: { nps: 11, csat: 0, quality: 4 } },
    });
    expect(bad.status).toBe(400);
    const paths = (bad.body.error as { fields: { path: string }[] }).fields.map((field) => field.path);
    expect(paths).toEqual(['answers.nps', 'answers.csat']);
    const results = await call(app, 'GET', `/v1/surveys/${surveyId}/results`, { auth: owner.auth });
    expect(results.body).toMatchObject({ count: 0, sent: 2, answeredOfSent: 0 });
    const satisfaction = await call(app, 'GET', `/v1/customers/${customers.direct}/satisfaction`, {
      auth: owner.auth,
    });
    expect(satisfaction.body).toMatchObject({ ratings: 0 });
  });

  it('records one answer per link: results and the customer’s satisfaction move', async () => {
    const answered = await call(app, 'POST', `/v1/public/surveys/${links.direct}`, {
      body: { answers: { nps: 9, csat: 4, quality: 6, note: '送货很快' }, locale: 'zh' },
    });
    expect(answered.status, JSON.stringify(answered.body)).toBe(204);

    const results = await call(app, 'GET', `/v1/surveys/${surveyId}/results`, { auth: owner.auth });
    expect(results.status).toBe(200);
    // One promoter of one: NPS 100; CSAT 4 is satisfied: 100 %; 1 of 2 sent answered: 50 %.
    expect(results.body).toMatchObject({ count: 1, sent: 2, answeredOfSent: 1, responseRate: 50 });
    expect(results.body.nps).toMatchObject({ nps: 100, promoters: 1 });
    expect(results.body.csat).toMatchObject({ csat: 100 });
    expect(results.body.items).toContainEqual({ questionId: 'quality', kind: 'likert', count: 1, mean: 6 });
    expect((results.body.months as { month: string; count: number }[]).map((m) => m.count)).toEqual([1]);

    const satisfaction = await call(app, 'GET', `/v1/customers/${customers.direct}/satisfaction`, {
      auth: owner.auth,
    });
    expect(satisfaction.body).toMatchObject({ ratings: 1, lastRating: 4, mean: 4 });
    const mine = await call(app, 'GET', `/v1/customers/${customers.direct}/surveys`, { auth: owner.auth });
    expect(mine.body.items).toEqual([
      expect.objectContaining({
        surveyId,
        rating: 4,
        answers: { nps: 9, csat: 4, quality: 6, note: '送货很快' },
      }),
    ]);
  });

  it('answers a used, an expired and a forged link with the same 404', async () => {
    const used = await call(app, 'POST', `/v1/public/surveys/${links.direct}`, {
      body: { answers: { nps: 0, csat: 1, quality: 1 } },
    });
    const usedPage = await call(app, 'GET', `/v1/public/surveys/${links.direct}`);
    const forged = await call(app, 'GET', `/v1/public/surveys/${'A'.repeat(43)}`);
    const later = createTestApp({ clock: () => new Date(Date.now() + 31 * DAY_MS) });
    const expired = await call(later, 'POST', `/v1/public/surveys/${links.viaContact}`, {
      body: { answers: { nps: 10, csat: 5, quality: 7 } },
    });
    for (const response of [used, usedPage, forged, expired]) {
      expect(response.status).toBe(404);
      expect(response.body).toEqual(forged.body);
    }
    const satisfaction = await call(app, 'GET', `/v1/customers/${customers.direct}/satisfaction`, {
      auth: owner.auth,
    });
    expect(satisfaction.body).toMatchObject({ ratings: 1 });
    // Still answerable in time: expiry, not the attempt, closed it.
    expect((await call(app, 'GET', `/v1/public/surveys/${links.viaContact}`)).status).toBe(200);
  });

  it('keeps another tenant out of the survey, its results and the customer’s answers', async () => {
    for (const path of [
      `/v1/surveys/${surveyId}`,
      `/v1/surveys/${surveyId}/results`,
      `/v1/customers/${customers.direct}/surveys`,
    ]) {
      expect((await call(app, 'GET', path, { auth: other.auth })).status).toBe(404);
    }
    const listed = await call(app, 'GET', '/v1/surveys', { auth: other.auth });
    expect(listed.body.items).toEqual([]);
  });

  it('refuses to delete a survey that was sent', async () => {
    const refused = await call(app, 'DELETE', `/v1/surveys/${surveyId}`, { auth: owner.auth });
    expect(refused.status).toBe(409);
  });

  it('sends to a saved segment’s members through the outbox as a send run, and refuses an unknown, empty or other tenant’s segment field by field', async () => {
    const tenant = await signUpTenant(app, 'Segment Survey Tenant');
    const customerOf = async (body: Record<string, unknown>) => {
      const created = await call(app, 'POST', '/v1/customers', { auth: tenant.auth, body });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return created.body.id as string;
    };
    const [firstEmail, secondEmail] = [uniqueEmail('seg-one'), uniqueEmail('seg-two')];
    const [first, second, mailless, outsider] = [
      await customerOf({ name: 'Seg One', kind: 'business', tags: ['key-account'], email: firstEmail }),
      await customerOf({ name: 'Seg Two', kind: 'business', tags: ['key-account'], email: secondEmail }),
      await customerOf({ name: 'Seg No Mail', kind: 'business', tags: ['key-account'] }),
      await customerOf({ name: 'Not In It', kind: 'business', email: uniqueEmail('outsider') }),
    ];
    const segmentOf = async (auth: SignedUpTenant['auth'], tags: string[]) => {
      const created = await call(app, 'POST', '/v1/segments', {
        auth,
        body: { name: `Tagged ${tags.join(', ')}`, filter: { tags } },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return created.body.id as string;
    };
    const keyAccounts = await segmentOf(tenant.auth, ['key-account']);
    const empty = await segmentOf(tenant.auth, ['nobody-has-this']);
    const othersSegment = await segmentOf(other.auth, ['key-account']);
    const created = await call(app, 'POST', '/v1/surveys', {
      auth: tenant.auth,
      body: { title: text('Key accounts', '重点客户调查'), questions: questions.slice(0, 2) },
    });
    const id = created.body.id as string;
    expect(
      (
        await call(app, 'PATCH', `/v1/surveys/${id}`, {
          auth: tenant.auth,
          body: { status: 'active', version: 1 },
        })
      ).status,
    ).toBe(200);
    const send = (body: Record<string, unknown>) =>
      call(app, 'POST', `/v1/surveys/${id}/send`, { auth: tenant.auth, body });

    for (const [body, field] of [
      [{ segmentId: '01J000000000000000000000ZZ' }, 'segmentId'],
      [{ segmentId: empty }, 'segmentId'],
      [{ segmentId: othersSegment }, 'segmentId'],
      [{ segmentId: keyAccounts, customerIds: [outsider] }, 'customerIds'],
      [{}, 'customerIds'],
    ] as const) {
      const refused = await send(body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect((refused.body.error as { fields: { path: string }[] }).fields.map((f) => f.path)).toEqual([
        field,
      ]);
    }
    expect((await call(app, 'GET', `/v1/surveys/${id}`, { auth: tenant.auth })).body).toMatchObject({
      sentCount: 0,
    });

    // A segment goes out as a send run; two members and a mail-less one fit in its first page.
    const sent = await send({ segmentId: keyAccounts, locale: 'zh' });
    expect(sent.status, JSON.stringify(sent.body)).toBe(202);
    expect(sent.body).toMatchObject({
      status: 'finished',
      segmentId: keyAccounts,
      counts: { examined: 3, invited: 2, skippedNoEmail: 1, alreadyInvited: 0 },
    });
    const run = await call(app, 'GET', `/v1/surveys/${id}/send-runs/${sent.body.id as string}`, {
      auth: tenant.auth,
    });
    expect(run.body).toEqual(sent.body);
    for (const customerId of [first, second]) {
      const invitations = await call(app, 'GET', `/v1/customers/${customerId}/surveys`, {
        auth: tenant.auth,
      });
      expect((invitations.body.items as { surveyId: string }[]).map((inv) => inv.surveyId)).toEqual([id]);
    }
    expect(
      (await call(app, 'GET', `/v1/customers/${mailless}/surveys`, { auth: tenant.auth })).body.items,
    ).toEqual([]);
    const mails = (await call(app, 'GET', '/v1/dev/outbox', { auth: tenant.auth })).body.items as Mail[];
    expect(tokenOf(firstEmail, mails)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokenOf(secondEmail, mails)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(mails.some((mail) => mail.kind === 'survey' && !/seg-(one|two)/.test(mail.to))).toBe(false);
    expect((await call(app, 'GET', `/v1/surveys/${id}`, { auth: tenant.auth })).body).toMatchObject({
      sentCount: 2,
    });
  });
});
