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

type SendRun = components['schemas']['SurveySendRun'];
const RUN_ID = '01J000000000000000000000RN';
const runAt = (status: SendRun['status'], counts: Partial<SendRun['counts']>, pages: number): SendRun => ({
  id: RUN_ID,
  surveyId: SURVEY_ID,
  segmentId: SEGMENT_ID,
  locale: 'en',
  status,
  counts: {
    examined: 0,
    invited: 0,
    alreadyInvited: 0,
    skippedNoConsent: 0,
    skippedNoEmail: 0,
    skippedArchived: 0,
    bounced: 0,
    ...counts,
  },
  pages,
  failure: null,
  startedAt: '2026-01-01T00:00:00.000Z',
  startedBy: 'u1',
  finishedAt: status === 'running' ? null : '2026-01-01T00:01:00.000Z',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:01:00.000Z',
  version: pages + 1,
});

function show(locale: Locale, send: FakeRoute, runReads: SendRun[] = []) {
  const posted: unknown[] = [];
  const { fetch } = fakeFetch({
    'GET /v1/segments': () => json(200, { items: [segment], nextCursor: null }),
    'GET /v1/customers': () =>
      json(200, { items: [{ id: '01J0000000000000000000CUS1', name: 'No Mail Ltd' }], nextCursor: null }),
    [`POST /v1/surveys/${SURVEY_ID}/send`]: async (request) => {
      posted.push(await request.clone().json());
      return send(request);
    },
    // Each read of the run answers the next state given, the last one from then on.
    [`GET /v1/surveys/${SURVEY_ID}/send-runs/${RUN_ID}`]: () =>
      json(200, runReads.length > 1 ? runReads.shift() : runReads[0]),
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
  it('sends to a segment of any size as a run and follows its progress to the counts', async () => {
    const posted = show(
      'en',
      () =>
        json(202, runAt('running', { examined: 50, invited: 47, alreadyInvited: 2, skippedNoEmail: 1 }, 1)),
      [
        runAt(
          'finished',
          { examined: 420, invited: 400, alreadyInvited: 12, skippedNoConsent: 5, skippedNoEmail: 3 },
          9,
        ),
      ],
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
    expect(status.textContent).toContain('Sending… 50 members looked at so far.');
    expect(status.textContent).toContain('Invited47');
    // No second send while this one runs.
    expect(sendButton.disabled).toBe(true);
    await waitFor(
      () => expect(screen.getByRole('status').textContent).toContain('Finished: 420 members looked at.'),
      {
        timeout: 5000,
      },
    );
    const finished = screen.getByRole('status').textContent ?? '';
    for (const shown of [
      'Invited400',
      'Already invited12',
      'Skipped: no marketing consent5',
      'Skipped: no e-mail3',
      'Skipped: archived0',
    ])
      expect(finished).toContain(shown);
    expect(sendButton.disabled).toBe(false);
    expect(posted).toEqual([{ segmentId: SEGMENT_ID, locale: 'en' }]);
  });

  it('shows a run’s counts and its stop in Chinese', async () => {
    show('zh-CN', () =>
      json(202, {
        ...runAt('failed', { examined: 100, invited: 60, alreadyInvited: 40 }, 2),
        failure: 'the survey is no longer active',
      }),
    );
    fireEvent.click(await screen.findByLabelText('已保存的客户分群'));
    await screen.findByRole('option', { name: 'Key accounts 重点客户' });
    fireEvent.change(screen.getByLabelText('客户分群'), { target: { value: SEGMENT_ID } });
    fireEvent.click(screen.getByRole('button', { name: '发送调查' }));
    const status = await screen.findByRole('status');
    expect(status.textContent).toContain('已停止：the survey is no longer active');
    expect(status.textContent).toContain('已邀请60');
    expect(status.textContent).toContain('此前已邀请40');
    expect(status.textContent).toContain('已跳过：未获营销许可0');
  });

  it('shows the API’s refusal of the segment beside it (中文)', async () => {
    show('zh-CN', () =>
      json(400, {
        error: {
          code: 'validation_failed',
          message: 'segmentId: the segment has no members',
          fields: [{ path: 'segmentId', message: 'the segment has no members' }],
        },
      }),
    );
    fireEvent.click(await screen.findByLabelText('已保存的客户分群'));
    await screen.findByRole('option', { name: 'Key accounts 重点客户' });
    fireEvent.change(screen.getByLabelText('客户分群'), { target: { value: SEGMENT_ID } });
    fireEvent.click(screen.getByRole('button', { name: '发送调查' }));
    await waitFor(() => expect(screen.getByLabelText('客户分群').getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getAllByText(/the segment has no members/).length).toBeGreaterThan(0);
  });

  it('names the picked customers that were skipped, after the picks are cleared', async () => {
    const posted = show('en', () =>
      json(200, { sent: [], skipped: [{ customerId: '01J0000000000000000000CUS1', reason: 'no_email' }] }),
    );
    fireEvent.input(await screen.findByLabelText('Find customers'), { target: { value: 'No Mail' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Add' }, { timeout: 3000 }));
    fireEvent.click(screen.getByRole('button', { name: 'Send the survey' }));
    const status = await screen.findByRole('status');
    expect(status.textContent).toContain(
      'Skipped (no e-mail, no consent, already invited or not found): No Mail Ltd',
    );
    expect(posted).toEqual([{ customerIds: ['01J0000000000000000000CUS1'], locale: 'en' }]);
  });
});
