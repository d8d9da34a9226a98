import { createSignal, createUniqueId, For, type JSX, Show } from 'solid-js';
import { useMessages } from '../../i18n/i18n-context.js';
import { vizMessages } from './messages.js';
import { VizChart, type VizChartSpec } from './viz-chart.js';
import './viz.css';

/** The same figures as rows: the first cell of each row names it (a row header). */
export type VizTable = {
  columns: readonly string[];
  rows: readonly (readonly (string | JSX.Element)[])[];
  /** Columns of words rather than numbers (by index): aligned left like the first. */
  textColumns?: readonly number[];
};

/** A table with a caption and row headers; numbers right-aligned (every column after the first). */
export function VizDataTable(props: { caption: string; table: VizTable; captionHidden?: boolean }) {
  const isText = (index: number) => props.table.textColumns?.includes(index) ?? false;
  return (
    // Focusable so a table wider than its card can be scrolled with the keyboard.
    <section class="viz-table-wrap" aria-label={props.caption} tabindex="0" data-scrolls-sideways>
      <table class="viz-table">
        <caption class={props.captionHidden ? 'viz-visually-hidden' : 'viz-table__caption'}>
          {props.caption}
        </caption>
        <thead>
          <tr>
            <For each={props.table.columns}>
              {(column, index) => (
                <th scope="col" classList={{ 'viz-table__text': isText(index()) }}>
                  {column}
                </th>
              )}
            </For>
          </tr>
        </thead>
        <tbody>
          <For each={props.table.rows}>
            {(row) => (
              <tr>
                <For each={row}>
                  {(cell, index) =>
                    index() === 0 ? (
                      <th scope="row">{cell}</th>
                    ) : (
                      <td classList={{ 'viz-table__text': isText(index()) }}>{cell}</td>
                    )
                  }
                </For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </section>
  );
}

/**
 * A chart card that can also be read as a table: a Chart / Table switch (buttons with
 * `aria-pressed`) above a uPlot canvas or the table of the same numbers. When the chart cannot be
 * drawn (no canvas), the table shows.
 *
 * @example
 * <VizFigure title="Value deciles" chart={{ kind: 'bars', categories, series, formatValue }}
 *   table={{ columns: ['Decile', 'Share'], rows }} />
 */
export function VizFigure(props: {
  title: string;
  description?: string;
  chart: VizChartSpec;
  table: VizTable;
  class?: string;
}) {
  const t = useMessages(vizMessages);
  const [view, setView] = createSignal<'chart' | 'table'>('chart');
  const [unavailable, setUnavailable] = createSignal(false);
  const id = createUniqueId();
  const showChart = () => view() === 'chart' && !unavailable();
  return (
    <section class={`card viz-figure${props.class ? ` ${props.class}` : ''}`} aria-labelledby={`${id}-title`}>
      <div class="viz-figure__header">
        <h2 class="card__title viz-figure__title" id={`${id}-title`}>
          {props.title}
        </h2>
        <fieldset class="viz-switch">
          <legend class="viz-visually-hidden">{`${t('view.label')}: ${props.title}`}</legend>
          <button
            type="button"
            class="viz-switch__item"
            aria-pressed={showChart()}
            disabled={unavailable()}
            onClick={() => setView('chart')}
          >
            {t('view.chart')}
          </button>
          <button
            type="button"
            class="viz-switch__item"
            aria-pressed={!showChart()}
            onClick={() => setView('table')}
          >
            {t('view.table')}
          </button>
        </fieldset>
      </div>
      <Show when={props.description}>
        <p class="viz-figure__description">{props.description}</p>
      </Show>
      <Show when={unavailable()}>
        <p class="viz-figure__description">{t('chart.unavailable')}</p>
      </Show>
      <Show
        when={showChart()}
        fallback={<VizDataTable caption={props.title} table={props.table} captionHidden />}
      >
        <Show when={props.chart.series.length > 1}>
          <ul class="viz-legend">
            <For each={props.chart.series}>
              {(series, index) => (
                <li class="viz-legend__item">
                  <span class={`viz-legend__swatch viz-legend__swatch--${index() + 1}`} aria-hidden="true" />
                  {series.label}
                </li>
              )}
            </For>
          </ul>
        </Show>
        <VizChart
          spec={props.chart}
          label={t('chart.label', { title: props.title })}
          loadingText={t('chart.loading')}
          onUnavailable={() => setUnavailable(true)}
        />
      </Show>
    </section>
  );
}
