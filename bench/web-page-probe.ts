// The probe the web benchmark installs in the page before the SPA's scripts run. It is browser
// code kept as a string (this project is typed for Node, without the DOM library) and measures in
// the page's own clock, so CDP round trips never count: `performance.now()` starts at navigation.

/** A customer row of the list (a `role=row` in the table body, not a spacer row). */
export const CUSTOMER_ROW = '.customer-table tbody tr.customer-table__row';

export type FirstRow = {
  /** ms from navigation start until the first customer row is in the DOM. */
  inDomMs: number;
  /** ms from navigation start until the frame after that (the row painted). */
  paintedMs: number;
  /** The SPA's own first GET /v1/customers, from resource timing (ms from navigation start). */
  listRequest?: { startMs: number; endMs: number };
  /** When the DOM was parsed and when the load event ended (navigation timing). */
  domContentLoadedMs: number;
  loadMs: number;
};

export type RawListFetch = { samplesMs: number[] };

export type ScrollRun = {
  longTasksMs: number[];
  longTaskSupported: boolean;
  longestFrameMs: number;
  frames: number;
  steps: number;
  stepPx: number;
  /** The highest row (1-based) rendered at the end, and how many rows the list had loaded. */
  lastRenderedRow: number;
  loadedRows: number;
  durationMs: number;
};

export const pageProbeScript = `(() => {
  const ROW = ${JSON.stringify(CUSTOMER_ROW)};
  const probe = {};
  globalThis.__benchProbe = probe;
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));

  const seen = () => {
    if (probe.inDomMs !== undefined || !document.querySelector(ROW)) return;
    probe.inDomMs = performance.now();
    observer.disconnect();
    // A frame callback runs before that frame's paint; the one after it runs once it is painted.
    nextFrame().then(nextFrame).then((at) => { probe.paintedMs = at; });
  };
  const observer = new MutationObserver(seen);
  observer.observe(document, { childList: true, subtree: true });

  probe.firstRow = async () => {
    while (probe.paintedMs === undefined) await nextFrame();
    const navigation = performance.getEntriesByType('navigation')[0];
    const list = performance
      .getEntriesByType('resource')
      .find((entry) => new URL(entry.name).pathname === '/v1/customers');
    return {
      inDomMs: probe.inDomMs,
      paintedMs: probe.paintedMs,
      listRequest: list ? { startMs: list.startTime, endMs: list.responseEnd } : undefined,
      domContentLoadedMs: navigation ? navigation.domContentLoadedEventEnd : NaN,
      loadMs: navigation ? navigation.loadEventEnd : NaN,
    };
  };

  // The baseline: the same first page the SPA asks for, fetched and parsed by the page itself.
  probe.rawListFetch = async (path, samples) => {
    const session = JSON.parse(localStorage.getItem('crm.session') || '{}');
    const samplesMs = [];
    for (let index = 0; index < samples; index += 1) {
      const started = performance.now();
      const response = await fetch(path, { headers: { authorization: 'Bearer ' + session.accessToken } });
      if (!response.ok) throw new Error(path + ' answered ' + response.status);
      await response.json();
      samplesMs.push(performance.now() - started);
    }
    return { samplesMs };
  };

  // The same observation on the same page left alone: long tasks the machine causes, not the SPA.
  probe.idleLongTasks = async (durationMs) => {
    const longTasksMs = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasksMs.push(entry.duration);
    });
    observer.observe({ type: 'longtask' });
    const started = performance.now();
    while (performance.now() - started < durationMs) await nextFrame();
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const entry of observer.takeRecords()) longTasksMs.push(entry.duration);
    observer.disconnect();
    return longTasksMs;
  };

  // Scrolls the virtualised list to its end, stepPx per frame, waiting at the bottom while the
  // next page loads; long tasks are observed from before the first step to after the last frame.
  probe.scrollToEnd = async (expectedRows, stepFraction, stallMs) => {
    const scroller = document.querySelector('.customer-table__scroller');
    const table = scroller.querySelector('table');
    const longTasksMs = [];
    const longTaskSupported = PerformanceObserver.supportedEntryTypes.includes('longtask');
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasksMs.push(entry.duration);
    });
    if (longTaskSupported) observer.observe({ type: 'longtask' });
    const lastRenderedRow = () => {
      const rows = scroller.querySelectorAll(ROW);
      const last = rows[rows.length - 1];
      return last ? Number(last.getAttribute('aria-rowindex')) - 1 : 0;
    };
    const stepPx = Math.max(1, Math.round(scroller.clientHeight * stepFraction));
    const started = performance.now();
    let previous = await nextFrame();
    let longestFrameMs = 0;
    let frames = 0;
    let steps = 0;
    let reached = lastRenderedRow();
    let progressAt = previous;
    while (reached < expectedRows && previous - progressAt < stallMs) {
      const atBottom = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1;
      if (!atBottom) {
        scroller.scrollTop += stepPx;
        steps += 1;
      }
      const now = await nextFrame();
      longestFrameMs = Math.max(longestFrameMs, now - previous);
      frames += 1;
      previous = now;
      const row = lastRenderedRow();
      if (row > reached || !atBottom) progressAt = now;
      reached = Math.max(reached, row);
    }
    await nextFrame();
    await nextFrame();
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const entry of observer.takeRecords()) longTasksMs.push(entry.duration);
    observer.disconnect();
    return {
      longTasksMs,
      longTaskSupported,
      longestFrameMs,
      frames,
      steps,
      stepPx,
      lastRenderedRow: reached,
      loadedRows: Number(table.getAttribute('aria-rowcount')) - 1,
      durationMs: performance.now() - started,
    };
  };
})();`;
