import { A } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { createCursorList } from '../../lib/api/cursor-list.js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { Button } from '../../lib/ui/button.js';
import { CursorTable } from '../../lib/ui/cursor-table.js';
import { Page } from '../../lib/ui/page.js';
import { EmptyState } from '../../lib/ui/states.js';
import { ConvertDialog } from './convert-dialog.js';
import { salesMessages } from './messages.js';
import { SalesTabs } from './sales-tabs.js';
import './sales.css';
import '../../lib/ui/admin-screen.css';

type Lead = components['schemas']['Lead'];
type LeadCreate = components['schemas']['LeadCreate'];

const fields = ['name', 'email', 'phone', 'company', 'source'] as const;

/** Leads (销售线索): the list, a form to add one, and the conversion into customer + deal. */
export function LeadsPage() {
  const t = useMessages(salesMessages);
  const api = useApi();
  const [draft, setDraft] = createSignal<Record<(typeof fields)[number], string>>({
    name: '',
    email: '',
    phone: '',
    company: '',
    source: '',
  });
  const [error, setError] = createSignal<string>();
  const [notice, setNotice] = createSignal<string>();
  const [converting, setConverting] = createSignal<Lead>();
  // Nothing narrows the list: one key for the whole of it.
  const leads = createCursorList(
    () => true,
    (_, after) =>
      unwrap(api.GET('/v1/leads', { params: { query: { limit: 50, ...(after ? { cursor: after } : {}) } } })),
  );
  const create = async (event: SubmitEvent) => {
    event.preventDefault();
    setError(undefined);
    const values = draft();
    const body: LeadCreate = { name: values.name.trim(), source: values.source.trim() };
    for (const field of ['email', 'phone', 'company'] as const) {
      if (values[field].trim()) body[field] = values[field].trim();
    }
    try {
      const created = await unwrap(api.POST('/v1/leads', { body }));
      leads.mutate((items) => [created, ...(items ?? [])]);
      setDraft({ name: '', email: '', phone: '', company: '', source: '' });
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  };
  return (
    <Page title={t('leads.title')} term="销售线索" description={t('leads.description')}>
      <SalesTabs />
      <form class="card sales-form" onSubmit={create} aria-label={t('leads.new')}>
        <For each={fields}>
          {(field) => (
            <label>
              {t(`leads.${field}`)}
              <input
                class="field__input"
                required={field === 'name' || field === 'source'}
                type={field === 'email' ? 'email' : 'text'}
                value={draft()[field]}
                onInput={(event) => setDraft({ ...draft(), [field]: event.currentTarget.value })}
              />
            </label>
          )}
        </For>
        <Button variant="primary" type="submit">
          {t('leads.create')}
        </Button>
        <Show when={error()}>
          <p class="form__error" role="alert">
            {error()}
          </p>
        </Show>
      </form>
      <p class="sales-notice" role="status" aria-live="polite">
        {notice() ?? ''}
      </p>
      <CursorTable
        list={leads}
        columns={[
          t('leads.name'),
          t('leads.company'),
          t('leads.source'),
          t('leads.grade'),
          t('leads.status'),
          t('leads.actions'),
        ]}
        empty={<EmptyState title={t('leads.empty')} />}
        moreLabel={t('leads.more')}
      >
        {(lead) => (
          <tr data-lead={lead.id}>
            <th scope="row">
              {lead.name}
              <div class="sales-muted">{lead.email ?? lead.phone ?? ''}</div>
            </th>
            <td>{lead.company ?? ''}</td>
            <td>{lead.source}</td>
            <td>{lead.grade}</td>
            <td>
              <Show
                when={lead.status === 'converted' && lead.opportunityId}
                fallback={t(`status.${lead.status}`)}
              >
                {(deal) => <A href={`/sales/opportunities/${deal()}`}>{t('status.converted')}</A>}
              </Show>
            </td>
            <td>
              <Show when={lead.status === 'open'}>
                <Button variant="secondary" onClick={() => setConverting(lead)}>
                  {t('leads.convert')}
                </Button>
              </Show>
            </td>
          </tr>
        )}
      </CursorTable>
      <Show when={converting()}>
        {(lead) => (
          <ConvertDialog
            lead={lead()}
            onClose={() => setConverting(undefined)}
            onDone={(done) => {
              leads.mutate((items) =>
                (items ?? []).map((item) => (item.id === done.lead.id ? done.lead : item)),
              );
              setNotice(t('convert.done'));
            }}
          />
        )}
      </Show>
    </Page>
  );
}
