import { createEffect, createSignal, onCleanup, Show } from 'solid-js';
import type uPlot from 'uplot';

/** One line or one set of bars: a value (or a gap) per category. */
export type VizSeries = { label: string; values: readonly (number | null)[] };

/** What a chart shows: categories along x (months, deciles, classes), one or two series. */
export type VizChartSpec = {
  kind: 'bars' | 'lines';
  categories: readonly string[];
  series: readonly VizSeries[];
  /** How a y value reads on the axis (percent, money, count). */
  formatValue: (value: number) => string;
  /** Slant the category labels (many or long ones). */
  slantLabels?: boolean;
  /**
   * A dashed vertical line at this category position (fractional: between two categories), e.g.
   * where a calibration period ends; say what it marks in the figure's description.
   */
  markerAt?: number;
};

type UplotConstructor = typeof uPlot;

let loading: Promise<UplotConstructor> | undefined;

/**
 * uPlot and its stylesheet, fetched on first use: the screens that draw charts are lazy routes, and
 * their figures and tables show before the chart library arrives.
 */
export function loadUplot(): Promise<UplotConstructor> {
  loading ??= Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(
    ([module]) => module.default,
    (error: unknown) => {
      loading = undefined; // let a later chart try again
      throw error;
    },
  );
  return loading;
}

const CHART_HEIGHT = 240;

/** The palette and ink from the design tokens, read when drawing so dark mode follows the system. */
function themeOf(element: HTMLElement) {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    series: [read('--viz-1', '#2f5bea'), read('--viz-2', '#d9652b'), read('--viz-3', '#1d7f4e')],
    ink: read('--text-muted', '#5b6472'),
    grid: read('--border', '#e3e6eb'),
    font: `12px ${read('--font-sans', 'system-ui, sans-serif')}`,
  };
}

function optionsOf(Uplot: UplotConstructor, spec: VizChartSpec, element: HTMLElement, width: number) {
  const theme = themeOf(element);
  const count = spec.categories.length;
  const indices = spec.categories.map((_, index) => index);
  // Long axes label every n-th category so the labels never overlap (about 7 px a character).
  const labelWidth = 16 + 7 * Math.max(1, ...spec.categories.map((category) => category.length));
  const room = Math.max(1, Math.floor((width - 96) / labelWidth));
  const step = spec.slantLabels ? 1 : Math.max(1, Math.ceil(count / room));
  const bars = spec.kind === 'bars';
  const grouped = bars && spec.series.length > 1;
  const colorOf = (index: number) => theme.series[index % theme.series.length] ?? '#2f5bea';
  const series: uPlot.Series[] = [
    {},
    ...spec.series.map((one, index): uPlot.Series => {
      const color = colorOf(index);
      if (!bars) {
        return { label: one.label, stroke: color, width: 2, points: { show: true, size: 6, fill: color } };
      }
      const paths = Uplot.paths.bars?.({
        size: grouped ? [0.38, 40] : [0.6, 56],
        // Two series stand side by side: the first left of the category, the second right of it.
        align: grouped ? (index === 0 ? -1 : 1) : 0,
      });
      return { label: one.label, stroke: color, fill: color, width: 0, points: { show: false }, paths };
    }),
  ];
  const options: uPlot.Options = {
    width,
    height: CHART_HEIGHT,
    legend: { show: false },
    cursor: { drag: { x: false, y: false, setScale: false } },
    scales: {
      x: { time: false, range: () => [-0.5, Math.max(count - 0.5, 0.5)] },
      y: { range: (_plot, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
    },
    axes: [
      {
        stroke: theme.ink,
        font: theme.font,
        grid: { show: false },
        ticks: { stroke: theme.grid },
        splits: () => indices,
        values: (_plot, splits) =>
          splits.map((index) => (index % step === 0 ? (spec.categories[index] ?? '') : '')),
        ...(spec.slantLabels ? { rotate: -35, size: 96 } : {}),
      },
      {
        stroke: theme.ink,
        font: theme.font,
        grid: { stroke: theme.grid, width: 1 },
        ticks: { show: false },
        size: 72,
        values: (_plot, splits) => splits.map((value) => spec.formatValue(value)),
      },
    ],
    series,
    ...(spec.markerAt === undefined
      ? {}
      : { hooks: { draw: [(plot: uPlot) => drawMarker(plot, spec.markerAt as number, theme.ink)] } }),
  };
  const data: uPlot.AlignedData = [indices, ...spec.series.map((one) => [...one.values])];
  return { options, data };
}

function drawMarker(plot: uPlot, at: number, color: string) {
  const x = plot.valToPos(at, 'x', true);
  const { ctx, bbox } = plot;
  ctx.save();
  ctx.strokeStyle = color;
  ctx.lineWidth = 1;
  ctx.setLineDash([4, 4]);
  ctx.beginPath();
  ctx.moveTo(x, bbox.top);
  ctx.lineTo(x, bbox.top + bbox.height);
  ctx.stroke();
  ctx.restore();
}

/**
 * A uPlot canvas for `spec`, sized to its container and redrawn when the data, the width or the
 * system theme change. The canvas is one labelled image for assistive technology; the figure
 * around it offers the same numbers as a table.
 */
export function VizChart(props: {
  spec: VizChartSpec;
  label: string;
  loadingText: string;
  onUnavailable: () => void;
}) {
  let host: HTMLDivElement | undefined;
  const [drawn, setDrawn] = createSignal(false);
  const [theme, setTheme] = createSignal(0);
  let plot: uPlot | undefined;

  const dark =
    typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : undefined;
  const redraw = () => setTheme((n) => n + 1);
  dark?.addEventListener('change', redraw);

  const resize =
    typeof ResizeObserver === 'function'
      ? new ResizeObserver(() => {
          if (plot && host && host.clientWidth > 0)
            plot.setSize({ width: host.clientWidth, height: CHART_HEIGHT });
        })
      : undefined;

  createEffect(() => {
    const spec = props.spec;
    theme();
    let cancelled = false;
    loadUplot().then(
      (Uplot) => {
        if (cancelled || !host) return;
        plot?.destroy();
        const { options, data } = optionsOf(Uplot, spec, host, host.clientWidth || 640);
        plot = new Uplot(options, data, host);
        setDrawn(true);
      },
      () => props.onUnavailable(),
    );
    onCleanup(() => {
      cancelled = true;
    });
  });

  createEffect(() => {
    if (host) resize?.observe(host);
  });

  onCleanup(() => {
    dark?.removeEventListener('change', redraw);
    resize?.disconnect();
    plot?.destroy();
  });

  return (
    <div class="viz-chart">
      <Show when={!drawn()}>
        <p class="viz-chart__loading muted">{props.loadingText}</p>
      </Show>
      <div class="viz-chart__canvas" role="img" aria-label={props.label} ref={host} />
    </div>
  );
}
