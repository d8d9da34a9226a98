import { A } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { isVersionConflict, unwrap } from '../../lib/api/errors.js';
import { pageWithItems } from '../../lib/api/page-with-items.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Page } from '../../lib/ui/page.js';
import { FunnelFigures } from './funnel-figures.js';
import { salesMessages } from './messages.js';
import { SalesTabs } from './sales-tabs.js';
import { useStageName } from './stage-name.js';
import './sales.css';

type Deal = components['schemas']['OpportunityView'];
type Pipeline = components['schemas']['Pipeline'];
type Drag = { id: string; x: number; y: number; dx: number; dy: number };

/** How far a pointer must travel before a press on a card becomes a drag (a click stays a click). */
const DRAG_THRESHOLD_PX = 6;

/**
 * The pipeline kanban (Pipedrive's main view): one column per stage of the default pipeline, the
 * open deals as cards. A card moves by dragging it (pointer events: mouse, pen and touch alike)
 * or by its "Move to" menu (keyboard and screen readers); either sends the version shown, and a
 * 409 reloads the board. The funnel's figures follow below.
 */
export function PipelinePage() {
  const t = useMessages(salesMessages);
  const api = useApi();
  const format = useFormat();
  const stageName = useStageName();
  const [notice, setNotice] = createSignal<string>();
  const [drag, setDrag] = createSignal<Drag>();
  const [board, { refetch, mutate }] = createResource(async () => {
    const setup = await unwrap(api.GET('/v1/pipelines'));
    const pipeline = setup.pipelines[0] as Pipeline;
    // The pipeline is a filter on the open deals: a page may stop short at the server's read budget.
    const page = await pageWithItems(
      (cursor) =>
        unwrap(
          api.GET('/v1/opportunities', {
            params: {
              query: { status: 'open', pipeline: pipeline.key, limit: 200, ...(cursor ? { cursor } : {}) },
            },
          }),
        ),
      undefined,
      { atLeast: 200 },
    );
    return { pipeline, deals: page.items };
  });
  const [funnel, { refetch: refetchFunnel }] = createResource(async () => unwrap(api.GET('/v1/funnel')));

  const move = async (deal: Deal, stage: string) => {
    if (stage === deal.stage) return;
    try {
      const moved = await unwrap(
        api.PATCH('/v1/opportunities/{opportunityId}', {
          params: { path: { opportunityId: deal.id } },
          body: { stage, version: deal.version },
        }),
      );
      mutate((current) =>
        current
          ? { ...current, deals: current.deals.map((item) => (item.id === moved.id ? moved : item)) }
          : current,
      );
      const target = board()?.pipeline.stages.find((candidate) => candidate.key === stage);
      setNotice(t('card.moved', { name: deal.name, stage: target ? stageName(target.name) : stage }));
      void refetchFunnel();
    } catch (caught) {
      if (!isVersionConflict(caught)) throw caught;
      setNotice(t('card.conflict'));
      void refetch();
    }
  };

  const onPointerDown = (deal: Deal, event: PointerEvent) => {
    // Controls inside the card (its link, its menu) keep their own behaviour.
    if (event.button !== 0 || (event.target as HTMLElement).closest('select, a, button')) return;
    (event.currentTarget as HTMLElement).setPointerCapture(event.pointerId);
    setDrag({ id: deal.id, x: event.clientX, y: event.clientY, dx: 0, dy: 0 });
  };
  const onPointerMove = (event: PointerEvent) => {
    const current = drag();
    if (current) setDrag({ ...current, dx: event.clientX - current.x, dy: event.clientY - current.y });
  };
  const onPointerUp = (deal: Deal, event: PointerEvent) => {
    const current = drag();
    setDrag(undefined);
    if (!current || Math.hypot(current.dx, current.dy) < DRAG_THRESHOLD_PX) return;
    // The dragged card itself lies under the pointer: look through it to the column beneath.
    const card = event.currentTarget as HTMLElement;
    const column = document
      .elementsFromPoint(event.clientX, event.clientY)
      .find((element) => !card.contains(element) && element.closest('[data-stage]'))
      ?.closest<HTMLElement>('[data-stage]');
    if (column?.dataset.stage) void move(deal, column.dataset.stage);
  };

  return (
    <Page title={t('title')} term="销售漏斗" description={t('description')}>
      <SalesTabs />
      <p class="sales-notice" role="status" aria-live="polite">
        {notice() ?? ''}
      </p>
      <AsyncView resource={board} onRetry={refetch}>
        {(current) => (
          <div class="sales-board" data-testid="sales-board" data-scrolls-sideways>
            <For each={current.pipeline.stages}>
              {(stage) => {
                const deals = () => current.deals.filter((deal) => deal.stage === stage.key);
                const total = () => deals().reduce((sum, deal) => sum + deal.amount, 0);
                return (
                  <section class="sales-column" data-stage={stage.key} aria-label={stageName(stage.name)}>
                    <header class="sales-column__header">
                      <h2>{stageName(stage.name)}</h2>
                      <span class="sales-muted">
                        {t('column.total', { count: deals().length, amount: format.money(total()) })}
                      </span>
                    </header>
                    <ul class="sales-column__cards">
                      <For each={deals()} fallback={<li class="sales-muted">{t('column.empty')}</li>}>
                        {(deal) => (
                          <li
                            class="sales-card"
                            classList={{
                              'sales-card--dragging': drag()?.id === deal.id,
                              'sales-card--rotting': deal.rotting,
                            }}
                            data-deal={deal.id}
                            style={
                              drag()?.id === deal.id
                                ? { transform: `translate(${drag()?.dx ?? 0}px, ${drag()?.dy ?? 0}px)` }
                                : {}
                            }
                            onPointerDown={(event) => onPointerDown(deal, event)}
                            onPointerMove={onPointerMove}
                            onPointerUp={(event) => onPointerUp(deal, event)}
                            onPointerCancel={() => setDrag(undefined)}
                          >
                            <A href={`/sales/opportunities/${deal.id}`} class="sales-card__name">
                              {deal.name}
                            </A>
                            <span class="sales-card__amount">{format.money(deal.amount, deal.currency)}</span>
                            <Show when={deal.rotting}>
                              <span class="sales-badge sales-badge--rotting">{t('card.rotting')}</span>
                            </Show>
                            <label class="sales-card__move">
                              <span class="sales-visually-hidden">
                                {t('card.moveLabel', { name: deal.name })}
                              </span>
                              <select
                                class="field__input"
                                value={deal.stage}
                                onChange={(event) => void move(deal, event.currentTarget.value)}
                              >
                                <For each={current.pipeline.stages}>
                                  {(option) => <option value={option.key}>{stageName(option.name)}</option>}
                                </For>
                              </select>
                            </label>
                          </li>
                        )}
                      </For>
                    </ul>
                  </section>
                );
              }}
            </For>
          </div>
        )}
      </AsyncView>
      <AsyncView resource={funnel} onRetry={refetchFunnel}>
        {(figures) => <FunnelFigures funnel={figures} />}
      </AsyncView>
    </Page>
  );
}
