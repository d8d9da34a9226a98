import { createResource, createSignal, For, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi, useAuth } from '../../lib/auth/auth-context.js';
import { useLabelled, useMessages } from '../../lib/i18n/i18n-context.js';
import { DialogFrame } from '../../lib/ui/dialog-frame.js';
import { FormActions } from '../../lib/ui/form-actions.js';
import { salesMessages } from './messages.js';

type Lead = components['schemas']['Lead'];
type Conversion = components['schemas']['LeadConversion'];

/** Whole units typed by a person → integer minor units (two decimals), without floating drift. */
function toMinorUnits(text: string): number | undefined {
  const match = /^\s*(\d{1,10})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/**
 * Converts a lead: reads it again for the customers it may duplicate (the deal goes to the first
 * match, as the API does), then sends the deal's name, amount and expected close.
 */
export function ConvertDialog(props: {
  lead: Lead;
  onClose: () => void;
  onDone: (done: Conversion) => void;
}) {
  const t = useMessages(salesMessages);
  const labelled = useLabelled();
  const api = useApi();
  const { session } = useAuth();
  const [name, setName] = createSignal(props.lead.company ?? props.lead.name);
  const [amount, setAmount] = createSignal('');
  const [currency, setCurrency] = createSignal(session()?.tenant.settings.defaultCurrency ?? 'CNY');
  const [close, setClose] = createSignal('');
  const [error, setError] = createSignal<string>();
  const [pending, setPending] = createSignal(false);
  const [view] = createResource(async () =>
    unwrap(api.GET('/v1/leads/{leadId}', { params: { path: { leadId: props.lead.id } } })),
  );
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const minor = toMinorUnits(amount());
    if (minor === undefined) {
      setError(labelled(t('convert.amount'), '0.00'));
      return;
    }
    setPending(true);
    setError(undefined);
    try {
      const done = await unwrap(
        api.POST('/v1/leads/{leadId}/convert', {
          params: { path: { leadId: props.lead.id } },
          body: {
            opportunity: {
              name: name().trim(),
              amount: minor,
              currency: currency().trim().toUpperCase(),
              ...(close() ? { expectedCloseDate: close() } : {}),
            },
          },
        }),
      );
      props.onDone(done);
      props.onClose();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setPending(false);
    }
  };
  return (
    <DialogFrame
      open
      onOpenChange={(open) => !open && props.onClose()}
      title={t('convert.title', { name: props.lead.name })}
      description={t('convert.description')}
    >
      <form class="dialog__body sales-form" onSubmit={submit}>
        <Show when={view()}>
          {(current) => (
            <Show
              when={current().possibleDuplicates.length > 0}
              fallback={<p class="sales-muted">{t('convert.newCustomer')}</p>}
            >
              <div class="sales-duplicates" data-testid="possible-duplicates">
                <p>{t('convert.duplicates')}</p>
                <ul>
                  <For each={current().possibleDuplicates}>
                    {(match) => (
                      <li>
                        {match.name} ({t('convert.matchedOn', { fields: match.matchedOn.join(', ') })})
                      </li>
                    )}
                  </For>
                </ul>
              </div>
            </Show>
          )}
        </Show>
        <label>
          {t('convert.dealName')}
          <input
            class="field__input"
            required
            maxLength={200}
            value={name()}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </label>
        <label>
          {t('convert.amount')}
          <input
            class="field__input"
            required
            inputMode="decimal"
            value={amount()}
            onInput={(e) => setAmount(e.currentTarget.value)}
          />
        </label>
        <label>
          {t('convert.currency')}
          <input
            class="field__input"
            required
            maxLength={3}
            pattern="[A-Za-z]{3}"
            value={currency()}
            onInput={(e) => setCurrency(e.currentTarget.value)}
          />
        </label>
        <label>
          {t('convert.close')}
          <input
            class="field__input"
            type="date"
            value={close()}
            onInput={(e) => setClose(e.currentTarget.value)}
          />
        </label>
        <FormActions
          error={error()}
          cancelLabel={t('cancel')}
          onCancel={props.onClose}
          submitLabel={t('convert.submit')}
          pending={pending()}
          cancelVariant="ghost"
        />
      </form>
    </DialogFrame>
  );
}
