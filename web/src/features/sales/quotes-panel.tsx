import { createResource, createSignal, For, Show } from 'solid-js';
import { ApiError, unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { Button } from '../../lib/ui/button.js';
import { QuoteEditor, QuoteTotalsList } from './quote-editor.js';
import { quoteMessages } from './quote-messages.js';

type Quote = components['schemas']['QuoteView'];

/**
 * A deal's quotes on the opportunity page: each with its status, totals and (once accepted)
 * whether credit control held its order; drafts open in the editor, sent ones are accepted or
 * rejected. Quoting is for open deals only.
 */
export function QuotesPanel(props: { opportunityId: string; currency: string; open: boolean }) {
  const t = useMessages(quoteMessages);
  const api = useApi();
  const format = useFormat();
  const [editing, setEditing] = createSignal<Quote | 'new'>();
  const [error, setError] = createSignal<string>();
  const [quotes, { refetch, mutate }] = createResource(
    () => props.opportunityId,
    async (opportunityId) =>
      (
        await unwrap(
          api.GET('/v1/opportunities/{opportunityId}/quotes', { params: { path: { opportunityId } } }),
        )
      ).items,
  );
  const replace = (quote: Quote) => {
    const all = quotes() ?? [];
    mutate(
      all.some((each) => each.id === quote.id)
        ? all.map((each) => (each.id === quote.id ? quote : each))
        : [...all, quote],
    );
  };
  const act = async (quote: Quote, action: 'send' | 'accept' | 'reject') => {
    setError(undefined);
    const options = { params: { path: { quoteId: quote.id } }, body: { version: quote.version } };
    try {
      const done =
        action === 'send'
          ? await unwrap(api.POST('/v1/quotes/{quoteId}/send', options))
          : action === 'accept'
            ? await unwrap(api.POST('/v1/quotes/{quoteId}/accept', options))
            : await unwrap(api.POST('/v1/quotes/{quoteId}/reject', options));
      replace(done);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : String(caught));
      void refetch();
    }
  };
  return (
    <section class="card" aria-labelledby="deal-quotes">
      <h2 id="deal-quotes">{t('heading')}</h2>
      <Show when={quotes()?.length === 0 && !editing()}>
        <p>{t('none')}</p>
      </Show>
      <For each={quotes() ?? []}>
        {(quote) => (
          <article class="quote-card" data-testid="quote-card" aria-label={`${t('heading')} ${quote.id}`}>
            <p>
              <span
                class={`sales-badge quote-status quote-status--${quote.status}`}
                data-testid="quote-status"
              >
                {t(`status.${quote.status}`)}
              </span>{' '}
              <Show when={quote.onCreditHold}>
                <span class="sales-badge sales-badge--rotting" data-testid="quote-hold">
                  {t('onCreditHold')}
                </span>{' '}
              </Show>
              {t('validUntil')} {format.date(quote.validUntil)}
            </p>
            <Show
              when={editing() === quote}
              fallback={<QuoteTotalsList totals={quote.totals} currency={quote.currency} />}
            >
              <QuoteEditor
                opportunityId={props.opportunityId}
                currency={quote.currency}
                quote={quote}
                onSaved={(saved) => {
                  replace(saved);
                  setEditing(undefined);
                }}
                onCancel={() => setEditing(undefined)}
                onConflict={() => void refetch()}
              />
            </Show>
            <Show when={quote.status === 'accepted'}>
              <p>{t('ordered')}</p>
            </Show>
            <div class="sales-form">
              <Show when={quote.status === 'draft' && editing() !== quote}>
                <Button variant="secondary" onClick={() => setEditing(quote)}>
                  {t('edit')}
                </Button>
                <Button variant="primary" onClick={() => void act(quote, 'send')}>
                  {t('send')}
                </Button>
              </Show>
              <Show when={quote.status === 'sent'}>
                <Button variant="primary" onClick={() => void act(quote, 'accept')}>
                  {t('accept')}
                </Button>
                <Button variant="secondary" onClick={() => void act(quote, 'reject')}>
                  {t('reject')}
                </Button>
              </Show>
            </div>
          </article>
        )}
      </For>
      <Show when={error()}>
        <p class="form__error" role="alert">
          {error()}
        </p>
      </Show>
      <Show
        when={editing() === 'new'}
        fallback={
          <Show when={props.open}>
            <Button variant="primary" onClick={() => setEditing('new')}>
              {t('new')}
            </Button>
          </Show>
        }
      >
        <QuoteEditor
          opportunityId={props.opportunityId}
          currency={props.currency}
          onSaved={(saved) => {
            replace(saved);
            setEditing(undefined);
          }}
          onCancel={() => setEditing(undefined)}
          onConflict={() => void refetch()}
        />
      </Show>
    </section>
  );
}
