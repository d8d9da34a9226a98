import { createMemoryHistory, MemoryRouter, Route, type RouteSectionProps } from '@solidjs/router';
import { fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { beforeEach, describe, expect, it } from 'vitest';
import type { components } from '../../lib/api/schema.js';
import { AuthProvider } from '../../lib/auth/auth-context.js';
import { createSessionStore } from '../../lib/auth/session.js';
import { I18nProvider } from '../../lib/i18n/i18n-context.js';
import type { Locale } from '../../lib/i18n/locale.js';
import { type FakeRoute, fakeFetch, json, sessionAnswer } from '../../test/fake-api.js';
import { SurveySendDialog } from './survey-send-dialog.js';

type Segment = components['schemas']['Segment'];

const SURVEY_ID = '01J000000000000000000000SV';
const SEGMENT_ID = '01J000000000000000000000SG';
const segment: Segment = {
  id: SEGMENT_ID,
  name: 'Key accounts 重点客户',
  filter: { tags: ['key-account'] },
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'u1',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
};

beforeEach(() => {
  localStorage.setItem(
    'crm.session',
    JSON.stringify({ ...sessionAnswer(), expiresAt: Date.now() + 3_600_000 }),
  );
});

function show(locale: Locale, send: FakeRoute) {
  const posted: unknown[] = [];
  const { fetch } = fakeFetch({
    'GET /v1/segments': () => json(200, { items: [segment], nextCursor: null }),
    'GET /v1/customers': () =>
      json(200, { items: [{ id: '01J0000000000000000000CUS1', name: 'No Mail Ltd' }], nextCursor: null }),
    [`POST /v1/surveys/${SURVEY_ID}/send`]: async (request) => {
      posted.push(await request.clone().json());
      return send(request);
    },
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
        <Route path="/" component={() => <SurveySendDialog surveyId={SURVEY_ID} onSent={() => {}} />} />
      </MemoryRouter>
    </I18nProvider>
  ));
  return posted;
}

describe('sending a survey', () => {
  it('sends to a saved segment’s members and says how many were sent and skipped', async () => {
    const posted = show('en', () =>
      json(200, {
        sent: [
          { customerId: 'c1', invitationId: 'i1', email: 'a@example.com' },
          { customerId: 'c2', invitationId: 'i2', email: 'b@example.com' },
        ],
        skipped: [{ customerId: 'c3', reason: 'no_email' }],
      }),
    );
    fireEvent.click(await screen.findByLabelText('A saved segment'));
    const select = (await screen.findByLabelText('Segment')) as HTMLSelectElement;
    const sendButton = screen.getByRole('button', { name: 'Send the survey' }) as HTMLButtonElement;
    expect(sendButton.disabled).toBe(true);
    await screen.findByRole('option', { name: 'Key accounts 重点客户' });
    fireEvent.change(select, { target: { value: SEGMENT_ID } });
    expect(sendButton.disabled).toBe(false);
    fireEvent.click(sendButton);

    const status = await screen.findByRole('status');
    expect(status.textContent).toContain('Sent to 2.');
    expect(status.textContent).toContain('Skipped 1 (no e-mail, archived or not found).');
    expect(posted).toEqual([{ segmentId: SEGMENT_ID, locale: 'en' }]);
  });

  it('shows the API’s refusal of the segment beside it (中文)', async () => {
    show('zh-CN', () =>
      json(400, {
        error: {
          code: 'validation_failed',
          message: 'segmentId: the segment has more than 200 members',
          fields: [{ path: 'segmentId', message: 'the segment has more than 200 members' }],
        },
      }),
    );
    fireEvent.click(await screen.findByLabelText('已保存的客户分群'));
    await screen.findByRole('option', { name: 'Key accounts 重点客户' });
    fireEvent.change(screen.getByLabelText('客户分群'), { target: { value: SEGMENT_ID } });
    fireEvent.click(screen.getByRole('button', { name: '发送调查' }));
    await waitFor(() => expect(screen.getByLabelText('客户分群').getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getAllByText(/the segment has more than 200 members/).length).toBeGreaterThan(0);
  });

  it('names the picked customers that were skipped, after the picks are cleared', async () => {
    const posted = show('en', () =>
      json(200, { sent: [], skipped: [{ customerId: '01J0000000000000000000CUS1', reason: 'no_email' }] }),
    );
    fireEvent.input(await screen.findByLabelText('Find customers'), { target: { value: 'No Mail' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Add' }, { timeout: 3000 }));
    fireEvent.click(screen.getByRole('button', { name: 'Send the survey' }));
    const status = await screen.findByRole('status');
    expect(status.textContent).toContain('Skipped (no e-mail or not found): No Mail Ltd');
    expect(posted).toEqual([{ customerIds: ['01J0000000000000000000CUS1'], locale: 'en' }]);
  });
});
