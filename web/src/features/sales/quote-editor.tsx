import { createEffect, createResource, createSignal, For, Index, on, onCleanup, Show } from 'solid-js';
import { ApiError, isVersionConflict, unwrap } from '../../lib/api/errors.js';
import { useFieldErrors } from '../../lib/api/field-issue-text.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { currencyDigits } from '../../lib/i18n/format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { Button } from '../../lib/ui/button.js';
import { FormActions } from '../../lib/ui/form-actions.js';
import { stackRowsWhenNarrow } from '../../lib/ui/stacked-rows.js';
import { toMinorUnits } from '../customers/360/money-input.js';
import { quoteMessages } from './quote-messages.js';

type Quote = components['schemas']['QuoteView'];
type QuoteLine = components['schemas']['QuoteLine'];
type Figures = components['schemas']['QuoteFigures'];
type DiscountKind = 'none' | 'percent' | 'amount';
/** A line as typed: text fields, turned into minor units and numbers only when sent. */
type LineDraft = {
  description: string;
  quantity: string;
  unitPrice: string;
  kind: DiscountKind;
  value: string;
};

const PREVIEW_DELAY_MS = 250;

const majorUnits = (minor: number, currency: string) => {
  const digits = currencyDigits(currency);
  return digits === 0 ? String(minor) : (minor / 10 ** digits).toFixed(digits);
};

function lineDraftOf(line: QuoteLine, currency: string): LineDraft {
  const discount = line.discount;
  return {
    description: line.description,
    quantity: String(line.quantity),
    unitPrice: majorUnits(line.unitPrice, currency),
    kind: discount?.kind ?? 'none',
    value: !discount
      ? ''
      : discount.kind === 'amount'
        ? majorUnits(discount.value, currency)
        : String(discount.value),
  };
}

const emptyLine = (): LineDraft => ({
  description: '',
  quantity: '1',
  unitPrice: '',
  kind: 'none',
  value: '',
});

/**
 * The quote editor (报价): a lines table with add and remove, a quote discount, one tax and the
 * validity date, with the totals the server computes for the figures as typed (the same function
 * a save runs, so what is shown is what is stored). Saves a new draft, or the draft at its version.
 */
export function QuoteEditor(props: {
  opportunityId: string;
  currency: string;
  quote?: Quote;
  onSaved: (quote: Quote) => void;
  onCancel: () => void;
  onConflict: () => void;
}) {
  const fieldErrorsIn = useFieldErrors();
  const t = useMessages(quoteMessages);
  const api = useApi();
  const format = useFormat();
  const currency = () => props.quote?.currency ?? props.currency;
  const [lines, setLines] = createSignal<LineDraft[]>(
    props.quote ? props.quote.lines.map((line) => lineDraftOf(line, currency())) : [emptyLine()],
  );
  const [quoteKind, setQuoteKind] = createSignal<DiscountKind>(props.quote?.discount?.kind ?? 'none');
  const [quoteValue, setQuoteValue] = createSignal(
    props.quote?.discount
      ? props.quote.discount.kind === 'amount'
        ? majorUnits(props.quote.discount.value, currency())
        : String(props.quote.discount.value)
      : '',
  );
  const [taxName, setTaxName] = createSignal(props.quote?.taxes[0]?.name ?? '');
  const [taxRate, setTaxRate] = createSignal(props.quote?.taxes[0] ? String(props.quote.taxes[0].rate) : '');
  const [validUntil, setValidUntil] = createSignal(props.quote?.validUntil ?? '');
  const [error, setError] = createSignal<string>();
  const [fieldErrors, setFieldErrors] = createSignal<Readonly<Record<string, string>>>({});
  const [pending, setPending] = createSignal(false);

  const discountOf = (kind: DiscountKind, value: string) => {
    if (kind === 'none') return undefined;
    if (kind === 'percent') return { kind, value: Number(value) };
    return { kind, value: toMinorUnits(value, currency()) ?? Number.NaN };
  };
  /** The figures as typed, or a message naming the first line that is not an amount. */
  const figures = (): Figures | string => {
    const out: QuoteLine[] = [];
    for (const [index, line] of lines().entries()) {
      const unitPrice = toMinorUnits(line.unitPrice, currency());
      if (unitPrice === undefined) return t('invalidAmount', { number: index + 1 });
      const discount = discountOf(line.kind, line.value);
      out.push({
        description: line.description,
        quantity: Number(line.quantity),
        unitPrice,
        ...(discount ? { discount } : {}),
      });
    }
    const discount = discountOf(quoteKind(), quoteValue());
    const taxes =
      taxName().trim() && taxRate().trim() ? [{ name: taxName().trim(), rate: Number(taxRate()) }] : [];
    return { lines: out, ...(discount ? { discount } : {}), taxes };
  };

  // Live totals: the figures as typed, computed by the server a moment after the last keystroke.
  const [typed, setTyped] = createSignal<Figures>();
  createEffect(
    on(figures, (current) => {
      if (typeof current === 'string') return setTyped(undefined);
      const timer = setTimeout(() => setTyped(current), PREVIEW_DELAY_MS);
      onCleanup(() => clearTimeout(timer));
    }),
  );
  const [totals] = createResource(typed, async (body) => {
    const { data } = await api.POST('/v1/quotes/totals', { body });
    return data;
  });

  const update = (index: number, change: Partial<LineDraft>) =>
    setLines((all) => all.map((line, at) => (at === index ? { ...line, ...change } : line)));

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    const body = figures();
    if (typeof body === 'string') return setError(body);
    setPending(true);
    setError(undefined);
    setFieldErrors({});
    const common = { ...body, currency: currency(), ...(validUntil() ? { validUntil: validUntil() } : {}) };
    try {
      const saved = props.quote
        ? await unwrap(
            api.PATCH('/v1/quotes/{quoteId}', {
              params: { path: { quoteId: props.quote.id } },
              body: { ...common, discount: common.discount ?? null, version: props.quote.version },
            }),
          )
        : await unwrap(
            api.POST('/v1/opportunities/{opportunityId}/quotes', {
              params: { path: { opportunityId: props.opportunityId } },
              body: common,
            }),
          );
      props.onSaved(saved);
    } catch (caught) {
      if (isVersionConflict(caught)) {
        setError(t('conflict'));
        props.onConflict();
      } else {
        setFieldErrors(fieldErrorsIn(caught));
        setError(caught instanceof ApiError ? caught.message : String(caught));
      }
    } finally {
      setPending(false);
    }
  };

  const lineTotals = (index: number) => totals()?.lines[index];
  return (
    <form class="quote-editor" onSubmit={save} aria-label={t('heading')}>
      <div class="table-scroll">
        <table class="table quote-editor__lines" ref={stackRowsWhenNarrow}>
          <thead>
            <tr>
              <th scope="col">{t('line.description')}</th>
              <th scope="col">{t('line.quantity')}</th>
              <th scope="col">{t('line.unitPrice')}</th>
              <th scope="col">{t('line.discount')}</th>
              <th scope="col">{t('line.net')}</th>
              <th scope="col">
                <span class="sales-visually-hidden">{t('line.remove', { number: '' })}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <Index each={lines()}>
              {(line, index) => (
                <tr>
                  <td>
                    <input
                      class="field__input"
                      required
                      maxLength={500}
                      aria-label={`${t('line.description')} ${index + 1}`}
                      value={line().description}
                      onInput={(e) => update(index, { description: e.currentTarget.value })}
                    />
                    <Show when={fieldErrors()[`lines.${index}.description`]}>
                      {(message) => <span class="form__error">{message()}</span>}
                    </Show>
                  </td>
                  <td>
                    <input
                      class="field__input quote-editor__number"
                      type="number"
                      min="1"
                      step="1"
                      required
                      aria-label={`${t('line.quantity')} ${index + 1}`}
                      value={line().quantity}
                      onInput={(e) => update(index, { quantity: e.currentTarget.value })}
                    />
                  </td>
                  <td>
                    <input
                      class="field__input quote-editor__number"
                      inputMode="decimal"
                      required
                      aria-label={`${t('line.unitPrice')} ${index + 1}`}
                      value={line().unitPrice}
                      onInput={(e) => update(index, { unitPrice: e.currentTarget.value })}
                    />
                  </td>
                  <td class="quote-editor__discount">
                    <select
                      class="field__input"
                      aria-label={`${t('line.discount')} ${index + 1}`}
                      value={line().kind}
                      onChange={(e) => update(index, { kind: e.currentTarget.value as DiscountKind })}
                    >
                      <option value="none">{t('discount.none')}</option>
                      <option value="percent">{t('discount.percent')}</option>
                      <option value="amount">{t('discount.amount')}</option>
                    </select>
                    <Show when={line().kind !== 'none'}>
                      <input
                        class="field__input quote-editor__number"
                        inputMode="decimal"
                        aria-label={t('discount.value', { number: index + 1 })}
                        value={line().value}
                        onInput={(e) => update(index, { value: e.currentTarget.value })}
                      />
                    </Show>
                    <Show when={fieldErrors()[`lines.${index}.discount.value`]}>
                      {(message) => <span class="form__error">{message()}</span>}
                    </Show>
                  </td>
                  <td data-testid={`quote-line-net-${index}`}>
                    {lineTotals(index) ? format.money(lineTotals(index)?.net ?? 0, currency()) : '—'}
                  </td>
                  <td>
                    <Button
                      variant="ghost"
                      type="button"
                      aria-label={t('line.remove', { number: index + 1 })}
                      disabled={lines().length === 1}
                      onClick={() => setLines((all) => all.filter((_, at) => at !== index))}
                    >
                      ×
                    </Button>
                  </td>
                </tr>
              )}
            </Index>
          </tbody>
        </table>
      </div>
      <Button variant="secondary" type="button" onClick={() => setLines((all) => [...all, emptyLine()])}>
        {t('line.add')}
      </Button>
      <div class="sales-form quote-editor__options">
        <label>
          {t('quote.discount')}
          <select
            class="field__input"
            value={quoteKind()}
            onChange={(e) => setQuoteKind(e.currentTarget.value as DiscountKind)}
          >
            <option value="none">{t('discount.none')}</option>
            <option value="percent">{t('discount.percent')}</option>
            <option value="amount">{t('discount.amount')}</option>
          </select>
        </label>
        <Show when={quoteKind() !== 'none'}>
          <label>
            {t('quote.discountValue')}
            <input
              class="field__input quote-editor__number"
              inputMode="decimal"
              value={quoteValue()}
              onInput={(e) => setQuoteValue(e.currentTarget.value)}
            />
          </label>
        </Show>
        <label>
          {t('tax.name')}
          <input
            class="field__input"
            maxLength={50}
            value={taxName()}
            onInput={(e) => setTaxName(e.currentTarget.value)}
          />
        </label>
        <label>
          {t('tax.rate')}
          <input
            class="field__input quote-editor__number"
            inputMode="decimal"
            value={taxRate()}
            onInput={(e) => setTaxRate(e.currentTarget.value)}
          />
        </label>
        <label>
          {t('validUntil')}
          <input
            class="field__input"
            type="date"
            value={validUntil()}
            onInput={(e) => setValidUntil(e.currentTarget.value)}
          />
        </label>
      </div>
      <QuoteTotalsList totals={totals()} currency={currency()} />
      <FormActions
        error={error()}
        cancelLabel={t('cancel')}
        onCancel={props.onCancel}
        submitLabel={t('save')}
        pending={pending()}
        cancelVariant="ghost"
      />
    </form>
  );
}

/** Subtotal, discount, net, each tax and the total, in the quote's currency. */
export function QuoteTotalsList(props: {
  totals: components['schemas']['QuoteTotals'] | undefined;
  currency: string;
}) {
  const t = useMessages(quoteMessages);
  const format = useFormat();
  return (
    <Show when={props.totals}>
      {(totals) => (
        <dl class="sales-funnel__totals quote-totals" title={t('totalsRounding')}>
          <div>
            <dt>{t('subtotal')}</dt>
            <dd>{format.money(totals().subtotal, props.currency)}</dd>
          </div>
          <div>
            <dt>{t('discount')}</dt>
            <dd>{format.money(totals().discount, props.currency)}</dd>
          </div>
          <For each={totals().taxes}>
            {(tax) => (
              <div>
                <dt>
                  {tax.name} {tax.rate}%
                </dt>
                <dd>{format.money(tax.amount, props.currency)}</dd>
              </div>
            )}
          </For>
          <div>
            <dt>{t('total')}</dt>
            <dd data-testid="quote-total">{format.money(totals().total, props.currency)}</dd>
          </div>
        </dl>
      )}
    </Show>
  );
}
