// Profiling probe (not a benchmark): one scroll of the customers list with the CDP profiler and a
// devtools timeline trace on, printing where the time went. Usage:
//   npx tsx bench/web-scroll-profile.probe.ts <dist>   (PROFILE_OUT=…cpuprofile, TRACE_OUT=…json keep the raw data)
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import {
  importCustomers,
  launchBrowser,
  loggedInContext,
  signUpTenant,
  startWebRuntime,
} from './web-harness.js';
import { CUSTOMER_ROW, pageProbeScript, type ScrollRun } from './web-page-probe.js';

const [dist] = process.argv.slice(2);
if (!dist) throw new Error('usage: web-scroll-profile.probe.ts <dist>');
const CUSTOMERS = Number(process.env.WEB_BENCH_CUSTOMERS ?? 2_000);
const types: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.html': 'text/html',
  '.svg': 'image/svg+xml',
};

type Node = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

const server = await startWebRuntime();
const browser = await launchBrowser();
try {
  const owner = await signUpTenant(server.url);
  await importCustomers(server.url, owner, CUSTOMERS);
  await server.runtime.poller.waitUntilIdle({ timeoutMs: 120_000 });
  const context = await loggedInContext(browser, server.url, owner);
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname.startsWith('/v1/') || url.pathname === '/runtime.json') return route.continue();
    let file = join(dist, url.pathname);
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(dist, 'index.html');
    return route.fulfill({
      status: 200,
      body: readFileSync(file),
      headers: { 'content-type': types[extname(file)] ?? 'application/octet-stream' },
    });
  });
  await context.addInitScript({ content: pageProbeScript });
  const page = await context.newPage();
  await page.goto('/customers');
  await page.locator(CUSTOMER_ROW).first().waitFor({ timeout: 60_000 });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  const events: Array<{ name: string; ts?: number; dur?: number; ph: string; tid: number; args?: unknown }> =
    [];
  cdp.on('Tracing.dataCollected', (data) => {
    events.push(...(data.value as unknown as typeof events));
  });
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline',
    transferMode: 'ReportEvents',
  });
  await cdp.send('Profiler.start');
  const scroll = (await page.evaluate(
    `globalThis.__benchProbe.scrollToEnd(${CUSTOMERS}, 0.5, 15000)`,
  )) as ScrollRun;
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  await done;
  // Where the raw profile goes, for a closer look in DevTools.
  writeFileSync(process.env.PROFILE_OUT ?? '/tmp/web-scroll.cpuprofile', JSON.stringify(profile));
  if (process.env.TRACE_OUT) writeFileSync(process.env.TRACE_OUT, JSON.stringify(events));
  const long = scroll.longTasksMs.filter((d) => d > 50);
  console.log(
    `long tasks ${long.length}, longest ${Math.max(0, ...long).toFixed(0)}, duration ${scroll.durationMs.toFixed(0)}`,
  );
  // Self time by function.
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const n = byId.get(id)!;
    const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  console.log('--- self time (ms), top 40');
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40))
    console.log(v.toFixed(0).padStart(7), k);
  // Timeline: total duration by event name (complete events on the main thread of the renderer).
  const total = new Map<string, number>();
  for (const e of events)
    if (e.ph === 'X' && e.dur) total.set(e.name, (total.get(e.name) ?? 0) + e.dur / 1000);
  console.log('--- timeline totals (ms), top 25 (nested events overlap)');
  for (const [k, v] of [...total].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(v.toFixed(0).padStart(7), k);
  await context.close();
} finally {
  await browser.close();
  await server.stop();
}
