import type { App } from '@crm/http';
import { expect } from 'vitest';
import { call } from './test-app.js';

export type OutboxMail = { to: string; subject: string; text: string; kind?: string };

/**
 * What the campaign suites build through the API, as one tenant's user (`auth` is read at each
 * call: suites sign up in `beforeAll`): customers, a segment of one tag, a campaign (an e-mail
 * with bilingual templates unless `body` says otherwise) and the dev outbox.
 */
export function campaignFixtures(app: App, auth: () => { Authorization: string }) {
  const created = async (path: string, body: Record<string, unknown>) => {
    const response = await call(app, 'POST', path, { auth: auth(), body });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  };
  return {
    newCustomer: async (body: Record<string, unknown>) =>
      (await created('/v1/customers', { kind: 'consumer', ...body })).id as string,
    /** A segment of the customers carrying `tag`. */
    newSegment: async (tag: string) =>
      (await created('/v1/segments', { name: `Tag ${tag}`, filter: { tags: [tag] } })).id as string,
    newCampaign: async (body: Record<string, unknown>) =>
      (
        await created('/v1/campaigns', {
          name: 'Spring 春季',
          channel: 'email',
          subject: { zh: '{{name}}，春季优惠', en: 'Spring offer for {{name}}' },
          body: {
            zh: '您好 {{name}}，您已下单 {{orderCount}} 次。',
            en: 'Hello {{name}}, {{orderCount}} orders so far.',
          },
          ...body,
        })
      ).id as string,
    mails: async () =>
      ((await call(app, 'GET', '/v1/dev/outbox', { auth: auth() })).body.items as OutboxMail[]) ?? [],
  };
}
