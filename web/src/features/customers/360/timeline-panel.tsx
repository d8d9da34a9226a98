import { createResource, createSignal, For, Show } from 'solid-js';
import { unwrap } from '../../../lib/api/errors.js';
import { useFieldErrors } from '../../../lib/api/field-issue-text.js';
import type { components } from '../../../lib/api/schema.js';
import { useApi, useAuth } from '../../../lib/auth/auth-context.js';
import { useFormat } from '../../../lib/format/use-format.js';
import { useLabelled, useMessages } from '../../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../../lib/ui/async-view.js';
import { Button } from '../../../lib/ui/button.js';
import { createForm } from '../../../lib/ui/create-form.js';
import { FormField } from '../../../lib/ui/form-field.js';
import { NarrowDisclosure } from '../../../lib/ui/narrow-disclosure.js';
import { EmptyState } from '../../../lib/ui/states.js';
import { TextAreaField } from '../../../lib/ui/text-area-field.js';
import { ConfirmDialog } from '../../settings/admin-dialog.js';
import { customer360Messages } from '../360-messages.js';
import { toMinorUnits } from './money-input.js';

type Interaction = components['schemas']['Interaction'];
type InteractionCreate = components['schemas']['InteractionCreate'];
type Key = Parameters<ReturnType<typeof useMessages<typeof customer360Messages>>>[0];

/** What the inline form records; the API knows more types (invoices, quotes…) and the list shows them all. */
const addableTypes = ['note', 'call', 'visit', 'order', 'payment'] as const;
type AddableType = (typeof addableTypes)[number];

const PAGE_SIZE = 10;

/** `YYYY-MM-DDTHH:mm` in local time, for a datetime-local input. */
function localNow(): string {
  const now = new Date();
  const shifted = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return shifted.toISOString().slice(0, 16);
}

/**
 * A complaint's or service request's own entry (its reference is its id) goes with that record;
 * the API refuses to remove it alone, so it offers no delete.
 */
function removable(item: Interaction): boolean {
  return !((item.type === 'complaint' || item.type === 'service') && item.reference === item.id);
}

/**
 * The customer's timeline (联络历史), newest first, paged by cursor, with the inline add form and a
 * delete on each entry (asked first: it takes the entry's figures back out of the customer's).
 */
export function TimelinePanel(props: { customerId: string; archived: boolean; onChanged: () => void }) {
  const t = useMessages(customer360Messages);
  const labelled = useLabelled();
  const api = useApi();
  const format = useFormat();
  const fetchPage = (cursor?: string) =>
    unwrap(
      api.GET('/v1/customers/{customerId}/interactions', {
        params: {
          path: { customerId: props.customerId },
          query: { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) },
        },
      }),
    );
  const [first, { refetch }] = createResource(
    () => props.customerId,
    () => fetchPage(),
  );
  const [older, setOlder] = createSignal<Interaction[]>([]);
  const [olderCursor, setOlderCursor] = createSignal<string | null | undefined>(undefined);
  const [loadingMore, setLoadingMore] = createSignal(false);
  const nextCursor = () => (olderCursor() === undefined ? first()?.nextCursor : olderCursor());

  const loadMore = async () => {
    const cursor = nextCursor();
    if (!cursor || loadingMore()) return;
    setLoadingMore(true);
    try {
      const page = await fetchPage(cursor);
      setOlder((items) => [...items, ...page.items]);
      setOlderCursor(page.nextCursor);
    } finally {
      setLoadingMore(false);
    }
  };

  const reload = async () => {
    setOlder([]);
    setOlderCursor(undefined);
    await refetch();
  };

  // The entry stays set while the dialog closes, so its text does not change on the way out.
  const [doomed, setDoomed] = createSignal<Interaction>();
  const [asking, setAsking] = createSignal(false);
  const removeDoomed = async () => {
    const item = doomed();
    if (!item) return;
    await unwrap(
      api.DELETE('/v1/customers/{customerId}/interactions/{interactionId}', {
        params: {
          path: { customerId: props.customerId, interactionId: item.id },
          header: { 'if-match': `"${item.version}"` },
        },
      }),
    );
    props.onChanged();
    await reload();
  };

  return (
    <div class="timeline">
      <Show when={!props.archived}>
        {/* On a phone the form folds: the entries are what the tab is opened for. */}
        <NarrowDisclosure summary={t('timeline.add')}>
          <AddInteractionForm
            customerId={props.customerId}
            onAdded={async () => {
              props.onChanged();
              await reload();
            }}
          />
        </NarrowDisclosure>
      </Show>
      <AsyncView
        resource={first}
        onRetry={reload}
        isEmpty={(page) => page.items.length === 0}
        empty={<EmptyState title={t('timeline.empty')}>{t('timeline.emptyHint')}</EmptyState>}
      >
        {(page) => (
          <>
            <ol class="timeline__list" aria-label={t('timeline.list')}>
              <For each={[...page.items, ...older()]}>
                {(item) => (
                  <li class={`timeline__item timeline__item--${item.type}`}>
                    <div class="timeline__meta">
                      <span class="timeline__type">{t(`type.${item.type}` as Key)}</span>
                      <time datetime={item.occurredAt}>{format.date(item.occurredAt, true)}</time>
                      <Show when={item.source.startsWith('import:')}>
                        <span class="timeline__source">{t('timeline.fromImport')}</span>
                      </Show>
                    </div>
                    <Show when={item.amount !== undefined}>
                      <div class="timeline__amount">{format.money(item.amount ?? 0, item.currency)}</div>
                    </Show>
                    <Show when={item.subject}>
                      <div class="timeline__subject">{item.subject}</div>
                    </Show>
                    <Show when={item.text}>
                      <p class="timeline__text">{item.text}</p>
                    </Show>
                    <Show when={item.reference}>
                      <div class="muted">{labelled(t('timeline.reference'), item.reference ?? '')}</div>
                    </Show>
                    <Show when={!props.archived && removable(item)}>
                      <div class="timeline__actions">
                        <Button
                          variant="secondary"
                          onClick={() => {
                            setDoomed(item);
                            setAsking(true);
                          }}
                          aria-label={t('timeline.deleteOf', {
                            type: t(`type.${item.type}` as Key),
                            when: format.date(item.occurredAt, true),
                          })}
                        >
                          {t('timeline.delete')}
                        </Button>
                      </div>
                    </Show>
                  </li>
                )}
              </For>
            </ol>
            <Show when={nextCursor()}>
              <Button variant="secondary" onClick={loadMore} disabled={loadingMore()}>
                {t('timeline.more')}
              </Button>
            </Show>
            <ConfirmDialog
              open={asking()}
              onOpenChange={setAsking}
              title={t('timeline.deleteTitle')}
              body={
                doomed()?.amount === undefined
                  ? t('timeline.deleteBody')
                  : t('timeline.deleteBodyMoney', {
                      amount: format.money(doomed()?.amount ?? 0, doomed()?.currency),
                    })
              }
              confirmLabel={t('timeline.delete')}
              onConfirm={removeDoomed}
            />
          </>
        )}
      </AsyncView>
    </div>
  );
}

function AddInteractionForm(props: { customerId: string; onAdded: () => Promise<void> }) {
  const fieldErrorsIn = useFieldErrors();
  const t = useMessages(customer360Messages);
  const api = useApi();
  const { session } = useAuth();
  const form = createForm();
  const tenantCurrency = () => session()?.tenant.settings.defaultCurrency ?? 'CNY';
  const [type, setType] = createSignal<AddableType>('note');
  const [occurredAt, setOccurredAt] = createSignal(localNow());
  const [subject, setSubject] = createSignal('');
  const [text, setText] = createSignal('');
  const [amount, setAmount] = createSignal('');
  const [currency, setCurrency] = createSignal(tenantCurrency());
  const [reference, setReference] = createSignal('');
  const [amountError, setAmountError] = createSignal<string>();
  const [added, setAdded] = createSignal(false);
  const monetary = () => type() === 'order' || type() === 'payment';

  const bodyOf = (): InteractionCreate | undefined => {
    const when = new Date(occurredAt());
    const common = {
      occurredAt: Number.isNaN(when.getTime()) ? occurredAt() : when.toISOString(),
      ...(subject().trim() ? { subject: subject().trim() } : {}),
      ...(text().trim() ? { text: text().trim() } : {}),
    };
    const kind = type();
    if (kind !== 'order' && kind !== 'payment') return { type: kind, ...common };
    const minor = toMinorUnits(amount(), currency());
    if (minor === undefined) {
      setAmountError(t('timeline.amountInvalid'));
      return undefined;
    }
    const money = {
      ...common,
      amount: minor,
      currency: currency(),
      ...(reference().trim() ? { reference: reference().trim() } : {}),
    };
    return kind === 'order' ? { type: 'order', ...money } : { type: 'payment', ...money };
  };

  const save = async () => {
    setAmountError(undefined);
    setAdded(false);
    const body = bodyOf();
    if (!body) return;
    await unwrap(
      api.POST('/v1/customers/{customerId}/interactions', {
        params: { path: { customerId: props.customerId } },
        body,
      }),
    );
    setSubject('');
    setText('');
    setAmount('');
    setReference('');
    setOccurredAt(localNow());
    setAdded(true);
    await props.onAdded();
  };

  const apiErrors = () => fieldErrorsIn(form.error());
  const otherError = () => {
    const error = form.error();
    return error instanceof Error && Object.keys(apiErrors()).length === 0 ? error.message : undefined;
  };

  return (
    <form class="card timeline__form" onSubmit={form.submit(save)} aria-labelledby="timeline-add-title">
      <h3 id="timeline-add-title" class="card__title">
        {t('timeline.add')}
      </h3>
      <div class="timeline__form-grid">
        <div class="field">
          <label class="field__label" for="interaction-type">
            {t('timeline.type')}
          </label>
          <select
            id="interaction-type"
            name="type"
            class="field__input"
            value={type()}
            onChange={(event) => setType(event.currentTarget.value as AddableType)}
          >
            <For each={addableTypes}>{(option) => <option value={option}>{t(`type.${option}`)}</option>}</For>
          </select>
        </div>
        <div class="field" data-invalid={apiErrors().occurredAt ? '' : undefined}>
          <label class="field__label" for="interaction-occurred-at">
            {t('timeline.occurredAt')}
          </label>
          <input
            id="interaction-occurred-at"
            name="occurredAt"
            type="datetime-local"
            class="field__input"
            required
            value={occurredAt()}
            onInput={(event) => setOccurredAt(event.currentTarget.value)}
            aria-invalid={apiErrors().occurredAt ? true : undefined}
            aria-describedby={apiErrors().occurredAt ? 'interaction-occurred-at-error' : undefined}
          />
          <Show when={apiErrors().occurredAt}>
            <p id="interaction-occurred-at-error" class="field__error">
              {apiErrors().occurredAt}
            </p>
          </Show>
        </div>
        <Show when={monetary()}>
          <FormField
            name="amount"
            label={t('timeline.amount')}
            description={t('timeline.amountHint', { currency: currency() })}
            value={amount()}
            onChange={setAmount}
            error={amountError() ?? apiErrors().amount}
            required
          />
          <FormField
            name="currency"
            label={t('timeline.currency')}
            value={currency()}
            onChange={(value) => setCurrency(value.toUpperCase())}
            error={apiErrors().currency}
            required
          />
          <FormField
            name="reference"
            label={t('timeline.reference')}
            value={reference()}
            onChange={setReference}
            error={apiErrors().reference}
          />
        </Show>
        <FormField
          name="subject"
          label={t('timeline.subject')}
          value={subject()}
          onChange={setSubject}
          error={apiErrors().subject}
        />
      </div>
      <TextAreaField
        id="interaction-text"
        name="text"
        label={t('timeline.text')}
        value={text()}
        onChange={setText}
      />
      <Show when={otherError()}>
        <p class="form__error" role="alert">
          {otherError()}
        </p>
      </Show>
      <div class="timeline__form-actions">
        <Show when={added()}>
          <span class="muted" role="status">
            {t('timeline.added')}
          </span>
        </Show>
        <Button type="submit" disabled={form.pending()}>
          {t('timeline.submit')}
        </Button>
      </div>
    </form>
  );
}
