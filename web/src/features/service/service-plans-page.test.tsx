import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import { beforeEach, describe, expect, it } from 'vitest';
import type { components } from '../../lib/api/schema.js';
import { fakeFetch, json, sessionAnswer } from '../../test/fake-api.js';
import { renderApp } from '../../test/render-app.js';

type ServicePlanListItem = components['schemas']['ServicePlanListItem'];
type ServicePlanInput = components['schemas']['ServicePlanInput'];
const LAZY_MS = 20_000;
const now = '2026-03-01T00:00:00.000Z';

const classPlan: ServicePlanListItem = {
  id: '01J0000000000000000000000P',
  customerId: null,
  abcClass: 'A',
  title: 'Quarterly visit',
  category: 'maintenance',
  priority: 'normal',
  every: { count: 3, unit: 'months' },
  startsOn: '2026-01-15',
  valueClass: null,
  active: true,
  occurrences: 1,
  nextDueOn: '2026-04-15',
  lastRequestId: null,
  lastRunOn: '2026-01-15',
  createdAt: now,
  createdBy: 'u1',
  updatedAt: now,
  version: 2,
  standing: 'scheduled',
  customerClass: null,
};

beforeEach(() => {
  localStorage.setItem(
    'crm.session',
    JSON.stringify({ ...sessionAnswer(), expiresAt: Date.now() + 3_600_000 }),
  );
});

describe('service plans for a whole value class', () => {
  it('lists a class plan as serving every customer of the class, and creates one for class B (中文)', async () => {
    let sent: ServicePlanInput | undefined;
    const { fetch } = fakeFetch({
      'GET /v1/service-plans': () => json(200, { items: [classPlan], nextCursor: null }),
      'POST /v1/service-plans': async (request) => {
        sent = (await request.json()) as ServicePlanInput;
        return json(201, { ...classPlan, id: '01J0000000000000000000000Q', abcClass: 'B' });
      },
    });
    renderApp({ path: '/service/plans', fetch, locale: 'zh-CN' });
    const list = await screen.findByTestId('service-plans', {}, { timeout: LAZY_MS });
    expect(within(list).getByText('全部 A 类客户')).toBeTruthy();

    const editor = screen.getByTestId('service-plan-editor');
    fireEvent.change(within(editor).getByLabelText('服务对象'), { target: { value: 'class' } });
    expect(within(editor).queryByLabelText(/客户（按名称搜索）/)).toBeNull();
    fireEvent.change(within(editor).getByLabelText('价值类别'), { target: { value: 'B' } });
    fireEvent.input(within(editor).getByLabelText(/标题/), { target: { value: '半年巡检' } });
    fireEvent.submit(editor);
    expect(await screen.findByText('计划已创建。')).toBeTruthy();
    expect(sent).toMatchObject({ abcClass: 'B', title: '半年巡检', valueClass: null });
    expect(sent && 'customerId' in sent).toBe(false);
  });

  it('finds the customer of a one-customer plan by name, never by id', async () => {
    let sent: ServicePlanInput | undefined;
    const customer = { id: '01J0000000000000000000000C', name: 'Wang Tea 王记茶行' };
    const { fetch } = fakeFetch({
      'GET /v1/service-plans': () => json(200, { items: [], nextCursor: null }),
      'GET /v1/customers': (request) =>
        json(200, {
          items: new URL(request.url).searchParams.get('q') === 'Wang' ? [customer] : [],
          nextCursor: null,
        }),
      'POST /v1/service-plans': async (request) => {
        sent = (await request.json()) as ServicePlanInput;
        return json(201, { ...classPlan, abcClass: null, customerId: customer.id });
      },
    });
    renderApp({ path: '/service/plans', fetch, locale: 'en' });
    const editor = await screen.findByTestId('service-plan-editor', {}, { timeout: LAZY_MS });
    fireEvent.input(within(editor).getByLabelText(/^Customer \(search by name\)/), {
      target: { value: 'Wang' },
    });
    fireEvent.click(await within(editor).findByRole('button', { name: 'Wang Tea 王记茶行' }));
    expect(within(editor).getByText('Chosen: Wang Tea 王记茶行')).toBeTruthy();
    fireEvent.input(within(editor).getByLabelText(/^Title/), { target: { value: 'Quarterly visit' } });
    fireEvent.submit(editor);
    expect(await screen.findByText('Plan created.')).toBeTruthy();
    expect(sent).toMatchObject({ customerId: customer.id, title: 'Quarterly visit' });
  });

  it('names the customer of a one-customer plan in the list', async () => {
    const customerId = '01J0000000000000000000000C';
    const { fetch } = fakeFetch({
      'GET /v1/service-plans': () =>
        json(200, { items: [{ ...classPlan, abcClass: null, customerId }], nextCursor: null }),
      [`GET /v1/customers/${customerId}`]: () => json(200, { id: customerId, name: 'Wang Tea 王记茶行' }),
    });
    renderApp({ path: '/service/plans', fetch, locale: 'en' });
    const list = await screen.findByTestId('service-plans', {}, { timeout: LAZY_MS });
    const link = await within(list).findByRole('link', { name: 'Wang Tea 王记茶行' });
    expect(link.getAttribute('href')).toBe(`/customers/${customerId}?tab=service`);
  });

  it('shows no next date for a customer’s own plan limited to another value class, but why the nightly run skips it', async () => {
    const customerId = '01J0000000000000000000000C';
    const own = (id: string, over: Partial<ServicePlanListItem>): ServicePlanListItem => ({
      ...classPlan,
      id,
      abcClass: null,
      customerId,
      valueClass: 'A',
      nextDueOn: '2026-05-01',
      ...over,
    });
    const { fetch } = fakeFetch({
      'GET /v1/service-plans': () =>
        json(200, {
          items: [
            own('01J0000000000000000000000R', { standing: 'skipped_class', customerClass: 'B' }),
            own('01J0000000000000000000000S', { standing: 'skipped_class', customerClass: null }),
            own('01J0000000000000000000000T', { standing: 'scheduled', customerClass: 'A' }),
            own('01J0000000000000000000000U', { standing: 'skipped_archived', customerClass: null }),
          ],
          nextCursor: null,
        }),
      [`GET /v1/customers/${customerId}`]: () => json(200, { id: customerId, name: 'Wang Tea 王记茶行' }),
    });
    renderApp({ path: '/service/plans', fetch, locale: 'en' });
    const list = await screen.findByTestId('service-plans', {}, { timeout: LAZY_MS });
    const row = (id: string) => within(list.querySelector(`[data-plan="${id}"]`) as HTMLElement);
    expect(
      row('01J0000000000000000000000R').getByText('Skipped while class B: serves A-class only'),
    ).toBeTruthy();
    expect(row('01J0000000000000000000000R').queryByText(/^Next /)).toBeNull();
    expect(
      row('01J0000000000000000000000S').getByText('Skipped while unclassed: serves A-class only'),
    ).toBeTruthy();
    expect(row('01J0000000000000000000000T').getByText(/^Next /)).toBeTruthy();
    expect(row('01J0000000000000000000000U').getByText('Skipped: the customer is archived')).toBeTruthy();
    expect(row('01J0000000000000000000000U').queryByText(/^Next /)).toBeNull();
  });

  it('asks before deleting a plan, and deletes only on the button', async () => {
    let deleted = 0;
    const { fetch } = fakeFetch({
      'GET /v1/service-plans': () => json(200, { items: deleted ? [] : [classPlan], nextCursor: null }),
      [`DELETE /v1/service-plans/${classPlan.id}`]: () => {
        deleted += 1;
        return new Response(null, { status: 204 });
      },
    });
    renderApp({ path: '/service/plans', fetch, locale: 'en' });
    const list = await screen.findByTestId('service-plans', {}, { timeout: LAZY_MS });
    fireEvent.click(within(list).getByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete the plan “Quarterly visit”?' });
    expect(deleted).toBe(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(deleted).toBe(1));
  });
});
