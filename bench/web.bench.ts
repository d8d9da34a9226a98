// The web app's budgets (issue 18, "Quality and measurements"), from the production build: the
// initial route's JavaScript, the time to the first customer row, and long tasks while scrolling
// 2,000 customers in Debian's chromium, against the real local runtime.
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { INITIAL_JS_BUDGET_BYTES, measureInitialJs } from '../web/scripts/check-bundle-budget.js';
import { type Benchmark, type BenchResult, quantile } from './harness.js';
import {
  ensureProductionBuild,
  importCustomers,
  launchBrowser,
  loggedInContext,
  signUpTenant,
  startWebRuntime,
  webDir,
} from './web-harness.js';
import {
  CUSTOMER_ROW,
  type FirstRow,
  pageProbeScript,
  type RawListFetch,
  type ScrollRun,
} from './web-page-probe.js';

const CUSTOMERS = Number(process.env.WEB_BENCH_CUSTOMERS ?? 2_000);
/** Fresh browser contexts (cold HTTP cache, new page) timed to the first row; the median is reported. */
const FIRST_ROW_RUNS = 5;
const RAW_FETCH_SAMPLES = 7;
/** The list's first page (web/src/features/customers/list/list-query.ts PAGE_SIZE). */
const FIRST_PAGE_PATH = '/v1/customers?limit=100';
/** Each scroll step moves this share of the visible list: a brisk mouse wheel. */
const SCROLL_STEP_FRACTION = 0.5;
/** Give up when the list neither scrolls nor grows for this long (a page that never comes). */
const SCROLL_STALL_MS = 15_000;
const LONG_TASK_MS = 50;
/** The idle baseline watches the page, untouched, as long as the scroll took, up to this. */
const IDLE_MAX_MS = 20_000;

const median = (samples: readonly number[]) =>
  quantile(
    [...samples].sort((a, b) => a - b),
    0.5,
  );
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number) => `${value.toFixed(0)} ms`;

function initialJs(log: (message: string) => void): BenchResult[] {
  ensureProductionBuild(log);
  const measured = measureInitialJs(join(webDir, 'dist'));
  return [
    {
      name: 'initial route JS (entry + modulepreloads), gzip',
      value: measured.gzipBytes / 1024,
      unit: 'KB',
      baseline: { name: 'budget (KB)', value: INITIAL_JS_BUDGET_BYTES / 1024 },
      ratio: measured.gzipBytes / INITIAL_JS_BUDGET_BYTES,
      goal: '<= 1 (120 KB)',
      notes: measured.files.map((file) => `${file.path} ${kb(file.gzipBytes)}`).join('; '),
    },
  ];
}

async function customersList(log: (message: string) => void): Promise<BenchResult[]> {
  ensureProductionBuild(log);
  const server = await startWebRuntime();
  const browser = await launchBrowser();
  try {
    log(`local runtime at ${server.url}`);
    const owner = await signUpTenant(server.url);
    const importSeconds = await importCustomers(server.url, owner, CUSTOMERS);
    log(`imported ${CUSTOMERS} customers through POST /v1/imports in ${importSeconds.toFixed(1)} s`);
    // The import's stream reactions would otherwise compete with the browser for the CPU.
    await server.runtime.poller.waitUntilIdle({ timeoutMs: 120_000 });

    const firstRows: FirstRow[] = [];
    let raw: RawListFetch | undefined;
    let scroll: ScrollRun | undefined;
    let idleLongTasksMs: number[] = [];
    for (let run = 1; run <= FIRST_ROW_RUNS; run += 1) {
      const context = await loggedInContext(browser, server.url, owner);
      try {
        await context.addInitScript({ content: pageProbeScript });
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        await page.goto('/customers');
        await page.locator(CUSTOMER_ROW).first().waitFor({ timeout: 60_000 });
        const firstRow = (await page.evaluate('globalThis.__benchProbe.firstRow()')) as FirstRow;
        firstRows.push(firstRow);
        log(
          `run ${run}: first row in the DOM at ${ms(firstRow.inDomMs)}, painted ${ms(firstRow.paintedMs)}` +
            (firstRow.listRequest
              ? ` (the SPA asked for the list at ${ms(firstRow.listRequest.startMs)}, answered at ${ms(firstRow.listRequest.endMs)})`
              : ''),
        );
        if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
        if (run < FIRST_ROW_RUNS) continue;
        raw = (await page.evaluate(
          `globalThis.__benchProbe.rawListFetch(${JSON.stringify(FIRST_PAGE_PATH)}, ${RAW_FETCH_SAMPLES})`,
        )) as RawListFetch;
        log(`raw GET ${FIRST_PAGE_PATH} from the page: ${raw.samplesMs.map(ms).join(', ')}`);
        log(`scrolling ${CUSTOMERS} rows…`);
        scroll = (await page.evaluate(
          `globalThis.__benchProbe.scrollToEnd(${CUSTOMERS}, ${SCROLL_STEP_FRACTION}, ${SCROLL_STALL_MS})`,
        )) as ScrollRun;
        log(
          `scrolled to row ${scroll.lastRenderedRow} of ${scroll.loadedRows} loaded in ${ms(scroll.durationMs)}: ` +
            `${scroll.steps} steps of ${scroll.stepPx} px, ${scroll.frames} frames, longest frame ${ms(scroll.longestFrameMs)}, ` +
            `long tasks [${scroll.longTasksMs.map(ms).join(', ')}]`,
        );
        idleLongTasksMs = (await page.evaluate(
          `globalThis.__benchProbe.idleLongTasks(${Math.min(scroll.durationMs, IDLE_MAX_MS)})`,
        )) as number[];
        log(
          `idle for as long (≤ ${IDLE_MAX_MS / 1000} s): long tasks [${idleLongTasksMs.map(ms).join(', ')}]`,
        );
        if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
      } finally {
        await context.close();
      }
    }
    if (!raw || !scroll) throw new Error('the last run measured neither the baseline nor the scroll');
    if (!scroll.longTaskSupported) throw new Error('this chromium does not report long tasks');

    const firstRow = median(firstRows.map((sample) => sample.inDomMs));
    const painted = median(firstRows.map((sample) => sample.paintedMs));
    const asked = firstRows.flatMap((sample) => (sample.listRequest ? [sample.listRequest.startMs] : []));
    const rawMs = median(raw.samplesMs);
    const longTasks = scroll.longTasksMs.filter((duration) => duration > LONG_TASK_MS);
    const load = loadavg()
      .map((value) => value.toFixed(1))
      .join(' / ');
    return [
      {
        name: `time to the first customer row (/customers, ${CUSTOMERS} customers), median of ${FIRST_ROW_RUNS}`,
        value: firstRow,
        unit: 'ms',
        baseline: { name: `raw GET ${FIRST_PAGE_PATH} from the page, median (ms)`, value: rawMs },
        ratio: firstRow / rawMs,
        notes:
          `navigation start → first role=row in the table body (DOM); painted at ${ms(painted)}; ` +
          `the SPA's own list request started at ${asked.length ? ms(median(asked)) : '?'} (median); ` +
          `DOMContentLoaded ${ms(median(firstRows.map((sample) => sample.domContentLoadedMs)))}; ` +
          `runs ${firstRows.map((sample) => ms(sample.inDomMs)).join(', ')}; cold cache each run; load average ${load}`,
      },
      {
        name: `long tasks > ${LONG_TASK_MS} ms while scrolling ${CUSTOMERS} rows`,
        value: longTasks.length,
        unit: 'tasks',
        baseline: {
          name: 'long tasks on the same page left idle as long (machine noise)',
          value: idleLongTasksMs.filter((duration) => duration > LONG_TASK_MS).length,
        },
        goal: '0',
        notes:
          `rows reached ${scroll.lastRenderedRow} of ${CUSTOMERS} (${scroll.loadedRows} loaded); ` +
          `${scroll.steps} steps of ${scroll.stepPx} px, one per frame, in ${ms(scroll.durationMs)}; ` +
          `longest frame ${ms(scroll.longestFrameMs)}; load average ${load}`,
      },
      {
        name: `longest task while scrolling ${CUSTOMERS} rows`,
        value: Math.max(0, ...scroll.longTasksMs),
        unit: 'ms',
        baseline: { name: 'longest task on the idle page (ms)', value: Math.max(0, ...idleLongTasksMs) },
        goal: `<= ${LONG_TASK_MS} ms`,
        notes: 'the longest "longtask" entry (tasks under 50 ms are not reported, hence 0 when none)',
      },
      {
        name: 'rows reached by scrolling',
        value: scroll.lastRenderedRow,
        unit: 'rows',
        baseline: { name: 'customers imported', value: CUSTOMERS },
        ratio: scroll.lastRenderedRow / CUSTOMERS,
        goal: '1',
      },
    ];
  } finally {
    await browser.close();
    await server.stop();
  }
}

export const benchmarks: Benchmark[] = [
  { name: 'web-initial-js', run: async (context) => initialJs(context.log) },
  { name: 'web-customers-list', run: async (context) => customersList(context.log) },
];
