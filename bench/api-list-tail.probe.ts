// Probing tool (not a benchmark): the slowest list pages of the API, and what each met. One
// process serves both the API and a bare route that returns the same repository page (the
// floor of any HTTP API for it); each of their slowest pages is listed with the DynamoDB calls
// sent while it ran and the garbage collections that overlapped it, so a p99 gap can be told
// apart as the API's own calls (a rate-limit lease, a cache's read), the collector, or DynamoDB
// Local itself.
// Usage: npx tsx bench/api-list-tail.probe.ts   (PROBE_CUSTOMERS, PROBE_PAGES, PROBE_SHOWN)
import { PerformanceObserver } from 'node:perf_hooks';
import { CustomerRepository } from '@crm/dynamodb';
import { findFreePort, listen } from '@crm/local';
import { Hono } from 'hono';
import { loadListedCustomers, startServer } from './api.bench.js';

const CUSTOMERS = Number(process.env.PROBE_CUSTOMERS ?? 20_000);
const PAGES = Number(process.env.PROBE_PAGES ?? 1_000);
const SHOWN = Number(process.env.PROBE_SHOWN ?? 12);

const collections: { start: number; end: number }[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    collections.push({ start: entry.startTime, end: entry.startTime + entry.duration });
  }
}).observe({ entryTypes: ['gc'] });

const server = await startServer('probe-tail');
const { base, table, auth, tenantId } = server;
await loadListedCustomers(table, tenantId, CUSTOMERS, 1);
const repository = new CustomerRepository(table, tenantId);
const bare = await listen(
  new Hono().get('/page', async (c) =>
    c.json(
      await repository.list({
        tenantId,
        sort: 'createdAt',
        order: 'desc',
        limit: 50,
        archived: false,
        filters: {},
      }),
    ),
  ),
  await findFreePort(),
);

// Every DynamoDB call this process sends, by when.
const sends: { at: number; name: string }[] = [];
const doc = table.doc as unknown as { send: (command: object) => Promise<unknown> };
const send = doc.send.bind(doc);
doc.send = (command) => {
  sends.push({ at: performance.now(), name: command.constructor.name.replace(/Command$/, '') });
  return send(command);
};

const routes = {
  'bare route, same repository page': async () => (await fetch(`${bare.url}/page`)).json(),
  API: async () =>
    (await fetch(`${base}/v1/customers?limit=50&sort=createdAt&order=desc`, { headers: auth })).json(),
};
try {
  for (const [name, page] of Object.entries(routes)) {
    for (let i = 0; i < 200; i++) await page();
    const timed: { ms: number; start: number; end: number }[] = [];
    for (let i = 0; i < PAGES; i++) {
      const start = performance.now();
      await page();
      const end = performance.now();
      timed.push({ ms: end - start, start, end });
    }
    timed.sort((a, b) => b.ms - a.ms);
    const at = (q: number) => timed[Math.floor(PAGES * q)]?.ms.toFixed(2);
    console.log(`\n${name}: p50 ${at(0.5)} ms, p99 ${at(0.01)} ms; the slowest pages:`);
    for (const { ms, start, end } of timed.slice(0, SHOWN)) {
      const calls = sends.filter((s) => s.at >= start && s.at <= end).map((s) => s.name);
      const gc = collections
        .filter((c) => c.end >= start && c.start <= end)
        .map((c) => `gc ${(c.end - c.start).toFixed(1)} ms`);
      console.log(`  ${ms.toFixed(2).padStart(6)} ms  ${calls.join(' + ')}  ${gc.join(', ')}`);
    }
  }
} finally {
  await bare.close();
  await server.close();
}
