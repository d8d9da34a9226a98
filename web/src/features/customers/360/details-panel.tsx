import { createResource, For, type JSX, Show } from 'solid-js';
import { unwrap } from '../../../lib/api/errors.js';
import type { components } from '../../../lib/api/schema.js';
import { useApi } from '../../../lib/auth/auth-context.js';
import { useFormat } from '../../../lib/format/use-format.js';
import { useLocale, useMessages } from '../../../lib/i18n/i18n-context.js';
import { customer360Messages } from '../360-messages.js';

type Customer = components['schemas']['Customer'];
type CustomFieldDefinition = components['schemas']['CustomFieldDefinition'];

function Row(props: { label: string; children: JSX.Element }) {
  return (
    <div class="details__row">
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

/** The profile (客户档案): contact details and the tenant's custom field values, labelled by their definitions. */
export function DetailsPanel(props: { customer: Customer }) {
  const t = useMessages(customer360Messages);
  const { locale } = useLocale();
  const api = useApi();
  const format = useFormat();
  // Definitions only label the values; without them the keys still show.
  const [definitions] = createResource(() =>
    unwrap(api.GET('/v1/custom-fields')).catch(() => ({ items: [] as CustomFieldDefinition[] })),
  );
  const definitionOf = (key: string) => definitions()?.items.find((field) => field.key === key);
  const labelOf = (key: string) => {
    const definition = definitionOf(key);
    if (!definition) return key;
    return locale() === 'zh-CN' ? (definition.label.zh ?? definition.label.en) : definition.label.en;
  };
  const displayOf = (key: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return '—';
    const definition = definitionOf(key);
    if (typeof value === 'boolean') return value ? t('details.yes') : t('details.no');
    if (typeof value === 'number' && definition?.type === 'money')
      return format.money(value, definition.currency);
    if (typeof value === 'number') return format.number(value);
    if (typeof value === 'string' && definition?.type === 'date') return format.date(value);
    return String(value);
  };
  const address = () => {
    const a = props.customer.address;
    return a
      ? [a.line1, a.line2, [a.postalCode, a.city].filter(Boolean).join(' '), a.region, a.country]
          .filter(Boolean)
          .join(', ')
      : undefined;
  };
  const customFields = () => Object.entries(props.customer.customFields);
  return (
    <div class="details">
      <section class="card">
        <h3 class="card__title">{t('details.basic')}</h3>
        <dl class="details__list">
          <Row label={t('details.email')}>
            {props.customer.email ? (
              <a href={`mailto:${props.customer.email}`}>{props.customer.email}</a>
            ) : (
              '—'
            )}
          </Row>
          <Row label={t('details.phone')}>{props.customer.phone ?? '—'}</Row>
          <Row label={t('details.industry')}>{props.customer.industry ?? '—'}</Row>
          <Row label={t('details.size')}>{props.customer.size ?? '—'}</Row>
          <Row label={t('details.birthday')}>
            {props.customer.birthday ? format.date(props.customer.birthday) : '—'}
          </Row>
          <Row label={t('details.address')}>{address() ?? '—'}</Row>
          <Show when={props.customer.externalId}>
            <Row label={t('details.externalId')}>{props.customer.externalId}</Row>
          </Show>
          <Row label={t('details.created')}>{format.date(props.customer.createdAt, true)}</Row>
          <Row label={t('details.updated')}>{format.date(props.customer.updatedAt, true)}</Row>
          <Row label={t('details.version')}>{props.customer.version}</Row>
        </dl>
      </section>
      <section class="card">
        <h3 class="card__title">{t('details.customFields')}</h3>
        <Show when={customFields().length > 0} fallback={<p class="muted">{t('details.noCustomFields')}</p>}>
          <dl class="details__list">
            <For each={customFields()}>
              {([key, value]) => <Row label={labelOf(key)}>{displayOf(key, value)}</Row>}
            </For>
          </dl>
        </Show>
      </section>
    </div>
  );
}
