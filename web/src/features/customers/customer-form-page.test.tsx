import { fireEvent, screen, waitFor } from '@solidjs/testing-library';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { components } from '../../lib/api/schema.js';
import { fakeFetch, json, sessionAnswer } from '../../test/fake-api.js';
import { renderApp } from '../../test/render-app.js';

type Customer = components['schemas']['Customer'];
const now = '2026-01-01T00:00:00.000Z';
const LAZY = { timeout: 10_000 };

const tierField = {
  key: 'tier',
  label: { en: 'Tier', zh: '等级' },
  type: 'enum' as const,
  options: ['gold', 'silver'],
  required: true,
  unique: false,
  archived: false,
  createdAt: now,
  updatedAt: now,
  version: 1,
};

const stored: Customer = {
  id: '01J00000000000000000000001',
  name: 'Li Na',
  kind: 'consumer',
  status: 'active',
  tags: ['rice'],
  customFields: { tier: 'gold' },
  stats: { interactionCount: 0, orderCount: 0, orderValue: 0, orderValueByCurrency: {}, paymentValue: 0 },
  createdAt: now,
  updatedAt: now,
  createdBy: 'u1',
  version: 2,
};

// Transform the lazy page once up front (slow on a busy machine), so the renders below only wait for data.
beforeAll(async () => {
  await import('./customer-form-page.js');
}, 120_000);

beforeEach(() => {
  localStorage.clear();
  const answer = sessionAnswer();
  localStorage.setItem('crm.session', JSON.stringify({ ...answer, expiresAt: Date.now() + 900_000 }));
});

const common = {
  'GET /v1/custom-fields': () => json(200, { items: [tierField] }),
  'GET /v1/users': () => json(200, { items: [] }),
  'GET /v1/customers': () => json(200, { items: [], nextCursor: null }),
};

describe('the customer form', () => {
  it('checks required fields inline, then shows the API’s field errors beside the fields', async () => {
    const bodies: unknown[] = [];
    const server = fakeFetch({
      ...common,
      'POST /v1/customers': async (request) => {
        bodies.push(await request.json());
        return json(400, {
          error: {
            code: 'validation_failed',
            message: 'bad',
            fields: [{ path: 'email', message: 'is already used by another customer' }],
          },
        });
      },
    });
    renderApp({ path: '/customers/new', fetch: server.fetch });
    fireEvent.click(await screen.findByRole('button', { name: 'Create customer' }, LAZY));
    expect(await screen.findAllByText('Required.')).toHaveLength(2);
    expect(bodies).toEqual([]);

    fireEvent.input(screen.getByLabelText('Name *'), { target: { value: 'Zhang Wei' } });
    fireEvent.change(screen.getByLabelText(/^Tier/), { target: { value: 'silver' } });
    fireEvent.input(screen.getByLabelText('E-mail'), { target: { value: 'zw@example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create customer' }));
    expect(await screen.findByText('is already used by another customer')).toBeTruthy();
    expect(bodies[0]).toMatchObject({
      name: 'Zhang Wei',
      email: 'zw@example.com',
      customFields: { tier: 'silver' },
    });
  });

  it('says a coded field error in the user’s language, and an uncoded one as the API put it', async () => {
    const server = fakeFetch({
      ...common,
      'POST /v1/customers': () =>
        json(400, {
          error: {
            code: 'validation_failed',
            message: 'Invalid body',
            fields: [
              { path: 'email', message: 'Invalid email address', code: 'invalid_format', format: 'email' },
              {
                path: 'name',
                message: 'Too big: expected string to have <=200 characters',
                code: 'too_big',
                origin: 'string',
                maximum: 200,
                inclusive: true,
              },
              { path: 'phone', message: 'is already used by another customer' },
            ],
          },
        }),
    });
    renderApp({ path: '/customers/new', fetch: server.fetch, locale: 'zh-CN' });
    const name = await screen.findByLabelText('名称 *', {}, LAZY);
    fireEvent.input(name, { target: { value: '张伟' } });
    fireEvent.change(screen.getByLabelText(/^等级/), { target: { value: 'silver' } });
    fireEvent.input(screen.getByLabelText('邮箱'), { target: { value: 'zw@example.com' } });
    fireEvent.click(screen.getByRole('button', { name: '创建客户' }));

    const emailError = await screen.findByText('不是有效的电子邮件地址');
    expect(screen.getByLabelText('邮箱').getAttribute('aria-describedby')).toContain(emailError.id);
    expect(screen.getByText('不能超过 200 个字符')).toBeTruthy();
    expect(screen.getByText('is already used by another customer')).toBeTruthy();
    expect(screen.queryByText('Invalid email address')).toBeNull();
  });

  it('sends only the change with If-Match, and on a 409 shows the newer version to reapply onto', async () => {
    let current = stored;
    const patches: { ifMatch: string | null; body: Record<string, unknown> }[] = [];
    const server = fakeFetch({
      ...common,
      [`GET /v1/customers/${stored.id}`]: () => json(200, current),
      [`PATCH /v1/customers/${stored.id}`]: async (request) => {
        const body = (await request.json()) as Record<string, unknown>;
        const ifMatch = request.headers.get('If-Match');
        patches.push({ ifMatch, body });
        if (ifMatch !== `"${current.version}"`)
          return json(409, { error: { code: 'version_conflict', message: 'changed' } });
        current = { ...current, ...body, version: current.version + 1 };
        return json(200, current);
      },
    });
    const { history } = renderApp({ path: `/customers/${stored.id}/edit`, fetch: server.fetch });
    const name = await screen.findByLabelText('Name *', {}, LAZY);
    expect((name as HTMLInputElement).value).toBe('Li Na');
    // Someone else renames the customer meanwhile.
    current = { ...current, name: 'Li Na 李娜', version: 3 };
    fireEvent.input(screen.getByLabelText('Tags'), { target: { value: 'rice, vip' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('dialog', { name: 'Someone else changed this' })).toBeTruthy();
    expect(screen.getByText(/Their version: Li Na 李娜/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Reapply my changes' }));
    await waitFor(() => expect(history.get()).toBe('/customers'));
    expect(patches).toEqual([
      { ifMatch: '"2"', body: { tags: ['rice', 'vip'] } },
      { ifMatch: '"3"', body: { tags: ['rice', 'vip'] } },
    ]);
    expect(current.name).toBe('Li Na 李娜');
  });
});
