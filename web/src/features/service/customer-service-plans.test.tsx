import { createMemoryHistory, MemoryRouter, Route, type RouteSectionProps } from '@solidjs/router';
import { cleanup, render, screen, within } from '@solidjs/testing-library';
import { beforeEach, describe, expect, it } from 'vitest';
import type { components } from '../../lib/api/schema.js';
import { AuthProvider } from '../../lib/auth/auth-context.js';
import { createSessionStore } from '../../lib/auth/session.js';
import { formatDate } from '../../lib/i18n/format.js';
import { I18nProvider } from '../../lib/i18n/i18n-context.js';
import type { Locale } from '../../lib/i18n/locale.js';
import { fakeFetch, json, sessionAnswer } from '../../test/fake-api.js';
import { CustomerServicePlans } from './customer-service-plans.js';

type ServicePlan = components['schemas']['ServicePlan'];
type PlansAnswer = components['schemas']['CustomerServicePlans'];

const CUSTOMER_ID = '01J0000000000000000000CUST';
const session = sessionAnswer();
const plan = (overrides: Partial<ServicePlan>): ServicePlan => ({
  id: '01J00000000000000000000PLN',
  customerId: CUSTOMER_ID,
  abcClass: null,
  title: 'Plan',
  category: 'maintenance',
  priority: 'normal',
  every: { count: 3, unit: 'months' },
  startsOn: '2026-01-05',
  valueClass: null,
  active: true,
  occurrences: 1,
  nextDueOn: '2026-04-05',
  lastRequestId: null,
  lastRunOn: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: session.user.id,
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
  ...overrides,
});
const answer: PlansAnswer = {
  customerId: CUSTOMER_ID,
  abcClass: 'A',
  items: [
    {
      plan: plan({ id: '01J00000000000000000000OWN', title: 'Boiler check', active: false }),
      appliesBy: 'customer',
      standing: 'paused',
      nextDueOn: null,
    },
    {
      plan: plan({
        id: '01J0000000000000000000CLS1',
        customerId: null,
        abcClass: 'A',
        title: 'Quarterly visit',
        nextDueOn: '2026-06-30',
      }),
      appliesBy: 'class',
      standing: 'scheduled',
      nextDueOn: '2026-06-30',
    },
  ],
};

beforeEach(() => {
  localStorage.setItem('crm.session', JSON.stringify({ ...session, expiresAt: Date.now() + 3_600_000 }));
});

function show(locale: Locale, body: PlansAnswer) {
  const { fetch, calls } = fakeFetch({
    [`GET /v1/customers/${CUSTOMER_ID}/service-plans`]: () => json(200, body),
  });
  const history = createMemoryHistory();
  history.set({ value: '/' });
  const Root = (props: RouteSectionProps) => (
    <AuthProvider store={createSessionStore()} fetch={fetch} baseUrl="http://localhost">
      {props.children}
    </AuthProvider>
  );
  render(() => (
    <I18nProvider locale={locale}>
      <MemoryRouter history={history} root={Root}>
        <Route path="/" component={() => <CustomerServicePlans customerId={CUSTOMER_ID} version={0} />} />
      </MemoryRouter>
    </I18nProvider>
  ));
  return calls;
}

describe('the plans that serve a customer, on its 360°', () => {
  it('lists its own plans and its value class’s, the class’s marked, with the next due date here (English)', async () => {
    show('en', answer);
    const list = await screen.findByTestId('customer-service-plans');
    const [own, ofClass] = within(list).getAllByRole('listitem');
    expect(own?.dataset.appliesBy).toBe('customer');
    expect(own?.textContent).toContain('Boiler check');
    expect(own?.textContent).toContain('Paused');
    expect(own?.textContent).not.toContain('For all');
    expect(ofClass?.dataset.appliesBy).toBe('class');
    expect(ofClass?.textContent).toContain('Quarterly visit');
    expect(ofClass?.textContent).toContain('For all A-class customers');
    const due = formatDate('2026-06-30', 'en', {
      withTime: false,
      timeZone: session.tenant.settings.timezone,
    });
    expect(ofClass?.textContent).toContain(`Next for this customer: ${due}`);
    expect(screen.getByText('Value class A')).toBeTruthy();
  });

  it('says so in 中文', async () => {
    show('zh-CN', answer);
    const list = await screen.findByTestId('customer-service-plans');
    expect(within(list).getByText('适用于所有 A 类客户')).toBeTruthy();
    expect(list.textContent).toContain('该客户下次服务：');
  });

  // The customer is in B; its own plan serves A-class only, so the nightly run skips it: no date.
  const limited = (
    abcClass: PlansAnswer['abcClass'],
    standing: PlansAnswer['items'][number]['standing'],
  ) => ({
    customerId: CUSTOMER_ID,
    abcClass,
    items: [
      {
        plan: plan({ id: '01J00000000000000000000LIM', title: 'A-class visit', valueClass: 'A' }),
        appliesBy: 'customer' as const,
        standing,
        nextDueOn: null,
      },
    ],
  });

  it('shows an own plan limited to another value class as skipped while the customer’s class, with no date (English)', async () => {
    show('en', limited('B', 'skipped_class'));
    const list = await screen.findByTestId('customer-service-plans');
    const [item] = within(list).getAllByRole('listitem');
    expect(item?.textContent).toContain('Skipped while class B: serves A-class only');
    expect(item?.textContent).not.toContain('Next for this customer');
    expect(item?.textContent).not.toContain('Paused');
    expect(item?.querySelector('[data-standing="skipped_class"]')).toBeTruthy();
  });

  it('says it in 中文, and for a customer not yet classed or archived', async () => {
    show('zh-CN', limited('B', 'skipped_class'));
    expect(await screen.findByText('当前为 B 类，暂不服务：仅服务 A 类客户')).toBeTruthy();
    cleanup();
    show('en', limited(null, 'skipped_class'));
    expect(await screen.findByText('Skipped while unclassed: serves A-class only')).toBeTruthy();
    cleanup();
    show('en', limited(null, 'skipped_archived'));
    expect(await screen.findByText('Skipped: the customer is archived')).toBeTruthy();
  });

  it('says when no plan serves the customer', async () => {
    show('en', { customerId: CUSTOMER_ID, abcClass: null, items: [] });
    expect(await screen.findByText('No service plans serve this customer.')).toBeTruthy();
  });
});
