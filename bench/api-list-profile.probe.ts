// Profiling probe (not a benchmark): where a customer list page's time goes in the API process.
// The server runs in this process (as in `npm run bench -- api-list-page`); the inspector profiles
// only the loop of list requests and prints the functions and packages with the most self time.
// Usage: npx tsx bench/api-list-profile.probe.ts   (PROFILE_OUT=…cpuprofile keeps the raw profile)
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { customerListPartition } from '@crm/dynamodb';
import { loadListedCustomers, startServer } from './api.bench.js';

const CUSTOMERS = Number(process.env.PROBE_CUSTOMERS ?? 2_000);
const PAGES = Number(process.env.PROBE_PAGES ?? 1_000);

type Node = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

/** Self time by function and by package (node_modules/<name>, or the workspace package). */
function summarise(profile: Profile, top: number): void {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const node = byId.get(id);
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    if (!node) return;
    total += ms;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url.replace(/^file:\/\//, '');
    const fn = `${functionName || '(anonymous)'} ${where.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
    const pkg =
      /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(where)?.[1] ??
      /\/packages\/([^/]+)\//.exec(where)?.[1] ??
      (where ? 'node:internal/other' : functionName || '(native)');
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms);
  });
  const show = (title: string, map: Map<string, number>) => {
    console.log(`\n${title}`);
    for (const [name, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(
        `${ms.toFixed(0).padStart(7)} ms ${((100 * ms) / total).toFixed(1).padStart(5)} %  ${name}`,
      );
    }
  };
  console.log(`profiled ${total.toFixed(0)} ms`);
  show('by package (self time)', byPackage);
  show('by function (self time)', byFunction);
}

const server = await startServer('probe-list');
const { base, table, auth, tenantId } = server;
try {
  await loadListedCustomers(table, tenantId, CUSTOMERS, 1);
  const apiPage = async () => {
    const response = await fetch(`${base}/v1/customers?limit=50&sort=createdAt&order=desc`, {
      headers: auth,
    });
    const body = (await response.json()) as { items: unknown[] };
    if (body.items.length !== 50) throw new Error(`short page: ${response.status}`);
  };
  const rawPage = () =>
    table.doc.send(
      new QueryCommand({
        TableName: table.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': customerListPartition(tenantId, false, 0) },
        ScanIndexForward: false,
        Limit: 50,
      }),
    );
  for (let i = 0; i < 200; i++) await apiPage(); // warm the JIT and the caches
  const timed = async (label: string, page: () => Promise<unknown>) => {
    const started = performance.now();
    for (let i = 0; i < PAGES; i++) await page();
    console.log(
      `${label}: ${((performance.now() - started) / PAGES).toFixed(2)} ms a page (mean of ${PAGES})`,
    );
  };
  await timed('raw Query', rawPage);
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  await timed('API page', apiPage);
  const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
  session.disconnect();
  if (process.env.PROFILE_OUT) writeFileSync(process.env.PROFILE_OUT, JSON.stringify(profile));
  summarise(profile, 30);
} finally {
  await server.close();
}
