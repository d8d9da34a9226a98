import { A } from '@solidjs/router';
import { createSignal, For, onMount, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { Button } from '../../lib/ui/button.js';
import { stackRowsWhenNarrow } from '../../lib/ui/stacked-rows.js';
import { segmentsMessages } from './messages.js';

type Customer = components['schemas']['Customer'];
const PAGE = 50;
// A page may come back short or empty when few customers match; a few more asks fill the table.
const ASKS_PER_SHOW = 4;

/** The segment's customers as a table, a page at a time ("Show more"). */
export function SegmentMembers(props: { segmentId: string }) {
  const t = useMessages(segmentsMessages);
  const api = useApi();
  const format = useFormat();
  const [members, setMembers] = createSignal<Customer[]>([]);
  const [cursor, setCursor] = createSignal<string | null | undefined>(undefined);
  const [loading, setLoading] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const more = async () => {
    setLoading(true);
    setError(undefined);
    try {
      let found = 0;
      for (let ask = 0; ask < ASKS_PER_SHOW && found < PAGE && cursor() !== null; ask += 1) {
        const after = cursor();
        const page = await unwrap(
          api.GET('/v1/segments/{segmentId}/members', {
            params: {
              path: { segmentId: props.segmentId },
              query: { limit: PAGE, ...(after ? { cursor: after } : {}) },
            },
          }),
        );
        found += page.items.length;
        setMembers([...members(), ...page.items]);
        setCursor(page.nextCursor);
      }
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setLoading(false);
    }
  };
  onMount(() => void more());
  return (
    <section class="card table-card segment-members" aria-labelledby="segment-members-title">
      <h2 id="segment-members-title" class="card__title">
        {t('detail.members')}
      </h2>
      <Show when={members().length > 0 || loading()} fallback={<p class="muted">{t('detail.noMembers')}</p>}>
        <div class="admin-screen">
          <div class="table-scroll">
            <table class="table" data-testid="segment-members" ref={stackRowsWhenNarrow}>
              <thead>
                <tr>
                  <th scope="col">{t('member.name')}</th>
                  <th scope="col">{t('member.status')}</th>
                  <th scope="col" class="table__number">
                    {t('member.orders')}
                  </th>
                  <th scope="col" class="table__number">
                    {t('member.value')}
                  </th>
                  <th scope="col">{t('member.lastOrder')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={members()}>
                  {(customer) => (
                    <tr>
                      <th scope="row">
                        <A href={`/customers/${customer.id}`}>{customer.name}</A>
                      </th>
                      <td>{t(`status.${customer.status}`)}</td>
                      <td class="table__number">{format.number(customer.stats.orderCount)}</td>
                      <td class="table__number">{format.money(customer.stats.orderValue)}</td>
                      <td>{customer.stats.lastOrderAt ? format.date(customer.stats.lastOrderAt) : '—'}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </div>
      </Show>
      <Show when={error()}>
        <p class="form__error" role="alert">
          {error()}
        </p>
      </Show>
      <Show when={cursor()}>
        <Button variant="secondary" disabled={loading()} onClick={() => void more()}>
          {t('detail.more')}
        </Button>
      </Show>
    </section>
  );
}
