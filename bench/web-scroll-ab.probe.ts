// A/B probe (not a benchmark file): the same runtime, tenant and browser serve two SPA builds in
// alternation, so a loaded machine weighs on both alike. Usage:
//   npx tsx bench/web-scroll-ab.probe.ts <distA> <distB> [rounds]
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import {
  importCustomers,
  launchBrowser,
  loggedInContext,
  signUpTenant,
  startWebRuntime,
} from './web-harness.js';
import { CUSTOMER_ROW, type FirstRow, pageProbeScript, type ScrollRun } from './web-page-probe.js';

// Usage: web-scroll-ab.probe.ts <dist> <dist> [...] (ROUNDS=3)
const dists = process.argv.slice(2);
if (dists.length < 2) throw new Error('usage: web-scroll-ab.probe.ts <dist> <dist> [...]');
const rounds = Number(process.env.ROUNDS ?? 3);
const CUSTOMERS = Number(process.env.WEB_BENCH_CUSTOMERS ?? 2_000);
const types: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.html': 'text/html',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

async function serveFrom(context: BrowserContext, dist: string) {
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
}

const server = await startWebRuntime();
const browser = await launchBrowser();
try {
  const owner = await signUpTenant(server.url);
  await importCustomers(server.url, owner, CUSTOMERS);
  await server.runtime.poller.waitUntilIdle({ timeoutMs: 120_000 });
  const results: Record<string, { first: number[]; long: number[]; longest: number[]; reached: number[] }> =
    Object.fromEntries(dists.map((dist) => [dist, { first: [], long: [], longest: [], reached: [] }]));
  for (let round = 1; round <= rounds; round += 1) {
    for (const dist of dists) {
      const name = dist;
      const context = await loggedInContext(browser, server.url, owner);
      try {
        await serveFrom(context, dist);
        await context.addInitScript({ content: pageProbeScript });
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        await page.goto('/customers');
        await page.locator(CUSTOMER_ROW).first().waitFor({ timeout: 60_000 });
        const first = (await page.evaluate('globalThis.__benchProbe.firstRow()')) as FirstRow;
        const scroll = (await page.evaluate(
          `globalThis.__benchProbe.scrollToEnd(${CUSTOMERS}, 0.5, 15000)`,
        )) as ScrollRun;
        const long = scroll.longTasksMs.filter((d) => d > 50);
        const r = results[name]!;
        r.first.push(first.inDomMs);
        r.long.push(long.length);
        r.longest.push(Math.max(0, ...scroll.longTasksMs));
        r.reached.push(scroll.lastRenderedRow);
        console.log(
          `round ${round} ${name}: first row ${first.inDomMs.toFixed(0)} ms (list asked ${first.listRequest?.startMs.toFixed(0)}–${first.listRequest?.endMs.toFixed(0)}), ` +
            `long tasks ${long.length} [${long.map((d) => d.toFixed(0)).join(', ')}], longest frame ${scroll.longestFrameMs.toFixed(0)}, ` +
            `reached ${scroll.lastRenderedRow}, ${scroll.steps} steps in ${scroll.durationMs.toFixed(0)} ms` +
            (errors.length ? ` ERRORS ${errors.join('; ')}` : ''),
        );
      } finally {
        await context.close();
      }
    }
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  for (const [name, r] of Object.entries(results)) {
    console.log(
      `${name}: first row median ${med(r.first).toFixed(0)} ms [${r.first.map((x) => x.toFixed(0)).join(', ')}]; ` +
        `long tasks median ${med(r.long)} [${r.long.join(', ')}]; longest [${r.longest.map((x) => x.toFixed(0)).join(', ')}]`,
    );
  }
} finally {
  await browser.close();
  await server.stop();
}
