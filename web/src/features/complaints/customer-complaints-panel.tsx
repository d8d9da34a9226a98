import { A } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Button } from '../../lib/ui/button.js';
import { createForm } from '../../lib/ui/create-form.js';
import { FormField } from '../../lib/ui/form-field.js';
import { TextAreaField } from '../../lib/ui/text-area-field.js';
import { ChoiceField } from '../customers/form/choice-field.js';
import {
  AttachmentLinksField,
  type AttachmentRow,
  type AttachmentRowIssue,
  attachmentsOf,
} from './attachment-links-field.js';
import { complaintMessages } from './messages.js';
import { SlaBadge } from './sla-badge.js';
import './complaints.css';

type ComplaintCreate = components['schemas']['ComplaintCreate'];
type Severity = components['schemas']['ComplaintSeverity'];
type Category = components['schemas']['ComplaintCategory'];

const severities: readonly Severity[] = ['low', 'medium', 'high', 'critical'];
const categories: readonly Category[] = ['product', 'service', 'delivery', 'billing', 'staff', 'other'];
const channels = ['phone', 'email', 'in_person', 'web', 'wechat', 'sms', 'mail', 'other'] as const;

/** The customer's open complaints, as the 360° header counts them (loaded once per customer). */
export function useOpenComplaints(customerId: () => string) {
  const api = useApi();
  return createResource(customerId, async (id) =>
    unwrap(
      api.GET('/v1/complaints', { params: { query: { customerId: id, open: 'true', limit: 50 } } }),
    ).catch(() => ({ items: [], nextCursor: null })),
  );
}

/** A line over the 360°'s tabs while the customer has open complaints (opens their tab). */
export function OpenComplaintsNotice(props: { count: number; onOpen: () => void }) {
  const t = useMessages(complaintMessages);
  return (
    <Show when={props.count > 0}>
      <div class="callout" role="status" data-testid="open-complaints">
        <p class="callout__title">{t('panel.open', { count: String(props.count) })}</p>
        <Button variant="secondary" onClick={() => props.onOpen()}>
          {t('panel.heading')}
        </Button>
      </div>
    </Show>
  );
}

/**
 * The customer's complaints on the 360° (客户投诉): satisfaction from rated complaints, the open
 * ones with their step and SLA, and the form that records a new one.
 */
export function CustomerComplaintsPanel(props: {
  customerId: string;
  archived: boolean;
  onRecorded: () => void;
}) {
  const t = useMessages(complaintMessages);
  const api = useApi();
  const format = useFormat();
  const path = () => ({ path: { customerId: props.customerId } });
  const [complaints, { refetch }] = createResource(
    () => props.customerId,
    (customerId) =>
      unwrap(api.GET('/v1/complaints', { params: { query: { customerId, open: 'true', limit: 50 } } })),
  );
  const [satisfaction] = createResource(
    () => props.customerId,
    () => unwrap(api.GET('/v1/customers/{customerId}/satisfaction', { params: path() })),
  );
  return (
    <section class="card" aria-labelledby="complaints-heading">
      <h2 id="complaints-heading" class="card__title">
        {t('panel.heading')}
      </h2>
      <Show when={satisfaction()}>
        {(figure) => (
          <p data-testid="satisfaction">
            {figure().mean === null
              ? t('panel.noSatisfaction')
              : t('panel.satisfaction', {
                  mean: format.number(figure().mean ?? 0, { maximumFractionDigits: 2 }),
                  count: String(figure().ratings),
                })}
          </p>
        )}
      </Show>
      <AsyncView
        resource={complaints}
        onRetry={refetch}
        isEmpty={(page) => page.items.length === 0}
        empty={<p class="muted">{t('panel.none')}</p>}
      >
        {(page) => (
          <ul class="complaint-trail">
            <For each={page.items}>
              {(complaint) => (
                <li class="complaint-trail__entry">
                  <A href={`/complaints/${complaint.id}`}>{complaint.summary}</A>{' '}
                  <span class="badge badge--muted">{t(`step.${complaint.step}`)}</span>{' '}
                  <SlaBadge complaint={complaint} />
                </li>
              )}
            </For>
          </ul>
        )}
      </AsyncView>
      <Show when={!props.archived}>
        <RecordComplaintForm
          customerId={props.customerId}
          onRecorded={() => {
            void refetch();
            props.onRecorded();
          }}
        />
      </Show>
    </section>
  );
}

function RecordComplaintForm(props: { customerId: string; onRecorded: () => void }) {
  const t = useMessages(complaintMessages);
  const api = useApi();
  const form = createForm();
  const [summary, setSummary] = createSignal('');
  const [description, setDescription] = createSignal('');
  const [severity, setSeverity] = createSignal<Severity>('medium');
  const [category, setCategory] = createSignal<Category>('other');
  const [channel, setChannel] = createSignal<(typeof channels)[number]>('phone');
  let lastKey = 0;
  const newKey = () => {
    lastKey += 1;
    return lastKey;
  };
  const [rows, setRows] = createSignal<AttachmentRow[]>([{ key: newKey(), url: '', label: '' }]);
  // The form's own check of the rows (by row key), and the rows sent, in order, so the API's
  // `attachments.<i>.…` errors show beside the row they came from.
  const [rowIssues, setRowIssues] = createSignal<AttachmentRowIssue[]>([]);
  const [sentKeys, setSentKeys] = createSignal<number[]>([]);
  const attachmentError = (key: number, field: 'url' | 'label') => {
    const issue = rowIssues().find((found) => found.key === key && found.field === field);
    if (issue) return t(`attachments.${issue.message}`);
    const index = sentKeys().indexOf(key);
    return index < 0 ? undefined : form.fieldError(`attachments.${index}.${field}`);
  };
  const attachmentPaths = () =>
    sentKeys().flatMap((_, index) => [`attachments.${index}.url`, `attachments.${index}.label`]);
  const [recorded, setRecorded] = createSignal(false);
  const record = async () => {
    setRecorded(false);
    const { attachments, rowKeys, issues } = attachmentsOf(rows());
    setRowIssues(issues);
    setSentKeys([]);
    if (issues.length > 0) return;
    setSentKeys(rowKeys);
    const body: ComplaintCreate = {
      customerId: props.customerId,
      summary: summary(),
      severity: severity(),
      category: category(),
      channel: channel(),
      ...(description().trim() ? { description: description() } : {}),
      attachments,
    };
    await unwrap(api.POST('/v1/complaints', { body }));
    setSummary('');
    setDescription('');
    setRows([{ key: newKey(), url: '', label: '' }]);
    setSentKeys([]);
    setRecorded(true);
    props.onRecorded();
  };
  return (
    <form class="form" onSubmit={form.submit(record)} data-testid="record-complaint">
      <h3 class="credit-panel__subheading">{t('panel.record')}</h3>
      <FormField
        name="summary"
        label={t('field.summary')}
        value={summary()}
        onChange={setSummary}
        error={form.fieldError('summary')}
        required
      />
      <TextAreaField
        id="complaint-description"
        name="description"
        label={t('field.description')}
        value={description()}
        onChange={setDescription}
      />
      <ChoiceField
        name="severity"
        label={t('field.severity')}
        value={severity()}
        onChange={(v) => setSeverity(v as Severity)}
      >
        <For each={severities}>{(value) => <option value={value}>{t(`severity.${value}`)}</option>}</For>
      </ChoiceField>
      <ChoiceField
        name="category"
        label={t('field.category')}
        value={category()}
        onChange={(v) => setCategory(v as Category)}
      >
        <For each={categories}>{(value) => <option value={value}>{t(`category.${value}`)}</option>}</For>
      </ChoiceField>
      <ChoiceField
        name="channel"
        label={t('field.channel')}
        value={channel()}
        onChange={(v) => setChannel(v as (typeof channels)[number])}
      >
        <For each={channels}>{(value) => <option value={value}>{t(`channel.${value}`)}</option>}</For>
      </ChoiceField>
      <AttachmentLinksField rows={rows()} onChange={setRows} errorOf={attachmentError} newKey={newKey} />
      <Show when={form.formMessage('summary', ...attachmentPaths())}>
        {(message) => (
          <p class="form__error" role="alert">
            {message()}
          </p>
        )}
      </Show>
      <Show when={recorded()}>
        <p role="status">{t('panel.recorded')}</p>
      </Show>
      <Button type="submit" disabled={form.pending()}>
        {t('panel.record')}
      </Button>
    </form>
  );
}
