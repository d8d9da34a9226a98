import { createMemoryHistory, MemoryRouter, Route, type RouteSectionProps } from '@solidjs/router';
import { render, screen, within } from '@solidjs/testing-library';
import { beforeEach, describe, expect, it } from 'vitest';
import type { components } from '../../lib/api/schema.js';
import { AuthProvider } from '../../lib/auth/auth-context.js';
import { createSessionStore } from '../../lib/auth/session.js';
import { I18nProvider } from '../../lib/i18n/i18n-context.js';
import type { Locale } from '../../lib/i18n/locale.js';
import { fakeFetch, json, sessionAnswer } from '../../test/fake-api.js';
import { CustomerSurveysPanel } from './customer-surveys-panel.js';

type Invitation = components['schemas']['SurveyInvitation'];

const CUSTOMER_ID = '01J0000000000000000000CUS1';
const invitation = (id: string, overrides: Partial<Invitation>): Invitation => ({
  id,
  surveyId: '01J000000000000000000000SV',
  customerId: CUSTOMER_ID,
  email: 'buyer@example.com',
  sentAt: '2026-01-02T08:00:00.000Z',
  sentBy: 'u1',
  validUntil: '2026-02-01T08:00:00.000Z',
  answeredAt: null,
  answers: null,
  rating: null,
  locale: null,
  createdAt: '2026-01-02T08:00:00.000Z',
  updatedAt: '2026-01-02T08:00:00.000Z',
  version: 1,
  ...overrides,
});

beforeEach(() => {
  localStorage.setItem(
    'crm.session',
    JSON.stringify({ ...sessionAnswer(), expiresAt: Date.now() + 3_600_000 }),
  );
});

function show(locale: Locale, items: Invitation[]) {
  const { fetch } = fakeFetch({
    [`GET /v1/customers/${CUSTOMER_ID}/surveys`]: () => json(200, { items }),
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
        <Route path="/" component={() => <CustomerSurveysPanel customerId={CUSTOMER_ID} />} />
      </MemoryRouter>
    </I18nProvider>
  ));
}

// Newest first, as the API lists them; the trend reads oldest to newest answer.
const items = [
  invitation('01J00000000000000000000IN3', { sentAt: '2026-03-01T08:00:00.000Z' }),
  invitation('01J00000000000000000000IN2', { answeredAt: '2026-02-10T09:00:00.000Z', rating: 2 }),
  invitation('01J00000000000000000000IN1', { answeredAt: '2026-01-05T09:00:00.000Z', rating: 4 }),
  invitation('01J00000000000000000000IN0', { answeredAt: '2026-03-20T09:00:00.000Z', rating: 5 }),
];

describe('the customer’s surveys on its 360°', () => {
  it('shows each survey sent, answered or not, and the ratings in the order they were given (English)', async () => {
    show('en', items);
    expect(await screen.findByText('Ratings over time (1–5): 4 → 2 → 5')).toBeTruthy();
    const panel = screen.getByTestId('customer-surveys');
    const lines = within(panel)
      .getAllByRole('listitem')
      .map((item) => item.textContent ?? '');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^Sent .*, not answered$/);
    expect(lines[1]).toMatch(/rating 2\/5$/);
  });

  it('says it in 中文, and shows no trend before any answer', async () => {
    show('zh-CN', [items[0] as Invitation]);
    expect(await screen.findByText(/已发送，未回答/)).toBeTruthy();
    expect(screen.queryByText(/评分趋势/)).toBeNull();
  });
});
