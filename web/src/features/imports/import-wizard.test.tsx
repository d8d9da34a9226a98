import { fireEvent, screen, waitFor } from '@solidjs/testing-library';
import { beforeEach, describe, expect, it } from 'vitest';
import { createSessionStore } from '../../lib/auth/session.js';
import { fakeFetch, json, sessionAnswer } from '../../test/fake-api.js';
import { renderApp } from '../../test/render-app.js';

const FILE = 'customer_id,name,email\nA1,Alice,alice@example.com\nA2,Bob,not-an-email\n';

function job(overrides: Record<string, unknown> = {}) {
  return {
    id: '01J0000000000000000000IMPT',
    kind: 'customers',
    layout: 'csv',
    status: 'completed',
    rowsRead: 2,
    rowsWritten: 1,
    rowsUnchanged: 0,
    rowsRejected: 1,
    customersCreated: 1,
    fileHash: 'abc',
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.000Z',
    createdBy: 'user',
    ...overrides,
  };
}

const rejected = [{ row: 3, field: 'email', reason: 'must be a valid e-mail address' }];

function server() {
  const jobs: ReturnType<typeof job>[] = [];
  return fakeFetch({
    'GET /v1/imports': () => json(200, { items: jobs }),
    'POST /v1/imports': async (request) => {
      const url = new URL(request.url);
      expect(await request.text()).toBe(FILE);
      expect(request.headers.get('content-type')).toBe('text/csv');
      if (url.searchParams.get('dryRun') === 'true') {
        return json(200, { ...job({ status: 'completed' }), dryRun: true, rejected });
      }
      jobs.unshift(job());
      return json(201, { ...job(), dryRun: false, rejected });
    },
  });
}

beforeEach(() => {
  localStorage.clear();
  createSessionStore(localStorage).start(sessionAnswer());
});

describe('the import wizard', () => {
  it('maps the columns of a dropped-in file, shows the dry run’s rejections, then imports', async () => {
    const { fetch, calls } = server();
    renderApp({ path: '/imports', fetch });

    const input = await screen.findByLabelText('CSV file', {}, { timeout: 25_000 });
    fireEvent.change(input, { target: { files: [new File([FILE], 'customers.csv', { type: 'text/csv' })] } });

    // Step 2: the header was read in the browser and guessed onto the fields.
    const idColumn = (await screen.findByLabelText('Customer ID in the old system')) as HTMLSelectElement;
    expect(idColumn.value).toBe('customer_id');
    expect((screen.getByLabelText('E-mail') as HTMLSelectElement).value).toBe('email');
    expect(screen.getByText('alice@example.com · not-an-email')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Check the file (dry run)' }));
    expect(
      await screen.findByText('1 of 2 rows would be rejected; the others can be imported.'),
    ).toBeTruthy();
    expect(screen.getByRole('cell', { name: 'must be a valid e-mail address' })).toBeTruthy();
    const dryRunCall = calls.find((call) => call.method === 'POST');
    const mapping = JSON.parse(new URL(dryRunCall?.url ?? '').searchParams.get('mapping') ?? '{}');
    expect(mapping).toMatchObject({ externalId: 'customer_id', name: 'name', email: 'email', tags: '' });

    fireEvent.click(screen.getByRole('button', { name: 'Import and skip the rejected rows' }));
    expect(await screen.findByText('Import finished')).toBeTruthy();
    const created = screen.getByText('Customers created').closest('div');
    expect(created?.textContent).toContain('1');
    // The past imports list shows the new one.
    await waitFor(() => expect(screen.getAllByText('Completed').length).toBeGreaterThan(0));
  });

  it('asks for a column for every required field before the dry run', async () => {
    const { fetch } = server();
    renderApp({ path: '/imports', fetch });
    fireEvent.change(await screen.findByLabelText('CSV file', {}, { timeout: 25_000 }), {
      target: { files: [new File(['id;name\n1;x\n'], 'odd.csv')] },
    });
    const idColumn = await screen.findByLabelText('Customer ID in the old system');
    fireEvent.change(idColumn, { target: { value: '' } });
    expect(await screen.findByText('Map a column to: Customer ID in the old system')).toBeTruthy();
    expect(
      (screen.getByRole('button', { name: 'Check the file (dry run)' }) as HTMLButtonElement).disabled,
    ).toBe(true);
  });

  it('maps a column onto a custom field and sends it under customFields.<key>', async () => {
    const file = 'customer_id,name,会员等级\nA1,Alice,gold\nA2,Bob,bronze\n';
    const definition = {
      key: 'member_level',
      label: { en: 'Member level', zh: '会员等级' },
      type: 'enum',
      required: false,
      unique: false,
      options: ['Gold', 'Silver'],
      archived: false,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      version: 1,
    };
    const { fetch, calls } = fakeFetch({
      'GET /v1/imports': () => json(200, { items: [] }),
      'GET /v1/custom-fields': () =>
        json(200, { items: [definition, { ...definition, key: 'old_level', archived: true }] }),
      'POST /v1/imports': () =>
        json(200, {
          ...job({ rowsWritten: 1 }),
          dryRun: true,
          rejected: [{ row: 3, field: '会员等级', reason: 'must be one of: Gold, Silver' }],
        }),
    });
    renderApp({ path: '/imports', fetch });
    const input = await screen.findByLabelText('CSV file', {}, { timeout: 25_000 });
    await waitFor(() => expect(calls.some((call) => call.url.endsWith('/v1/custom-fields'))).toBe(true));
    fireEvent.change(input, { target: { files: [new File([file], 'members.csv', { type: 'text/csv' })] } });

    // Guessed from the field's Chinese label; the archived field is not offered.
    const level = (await screen.findByLabelText('Member level')) as HTMLSelectElement;
    expect(level.value).toBe('会员等级');
    expect(screen.getByText('One of: Gold, Silver')).toBeTruthy();
    expect(screen.queryByText('old_level')).toBeNull();
    expect(screen.getByText('gold · bronze')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Check the file (dry run)' }));
    expect(await screen.findByRole('cell', { name: 'must be one of: Gold, Silver' })).toBeTruthy();
    const dryRunCall = calls.find((call) => call.method === 'POST');
    const mapping = JSON.parse(new URL(dryRunCall?.url ?? '').searchParams.get('mapping') ?? '{}');
    expect(mapping).toMatchObject({ externalId: 'customer_id', 'customFields.member_level': '会员等级' });
    expect(mapping).not.toHaveProperty(['customFields.old_level']);
  });

  it('leaves a custom field out of the mapping when its column is set to none', async () => {
    const definition = {
      key: 'score',
      label: { en: 'Score' },
      type: 'number',
      required: false,
      unique: false,
      archived: false,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      version: 1,
    };
    const { fetch, calls } = fakeFetch({
      'GET /v1/imports': () => json(200, { items: [] }),
      'GET /v1/custom-fields': () => json(200, { items: [definition] }),
      'POST /v1/imports': () => json(200, { ...job(), dryRun: true, rejected: [] }),
    });
    renderApp({ path: '/imports', fetch });
    const input = await screen.findByLabelText('CSV file', {}, { timeout: 25_000 });
    await waitFor(() => expect(calls.some((call) => call.url.endsWith('/v1/custom-fields'))).toBe(true));
    fireEvent.change(input, { target: { files: [new File(['customer_id,score\nA1,3\n'], 's.csv')] } });
    const score = (await screen.findByLabelText('Score')) as HTMLSelectElement;
    expect(score.value).toBe('score');
    fireEvent.change(score, { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check the file (dry run)' }));
    await waitFor(() => expect(calls.some((call) => call.method === 'POST')).toBe(true));
    const posted = calls.find((call) => call.method === 'POST');
    const mapping = JSON.parse(new URL(posted?.url ?? '').searchParams.get('mapping') ?? '{}');
    expect(Object.keys(mapping).some((field) => field.startsWith('customFields.'))).toBe(false);
  });
});
