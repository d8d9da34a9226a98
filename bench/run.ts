import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchContext, Benchmark, BenchResult } from './harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? '';

type Started = { endpoint: string; stop: () => Promise<void> };
let dynamodb: Promise<Started> | undefined;

const context: BenchContext = {
  dynamodbEndpoint: async () => {
    dynamodb ??= (async () => {
      const { startDynamoDbLocal } = await import('@crm/local');
      const server = await startDynamoDbLocal({ inMemory: true });
      return { endpoint: server.endpoint, stop: () => server.stop() };
    })();
    return (await dynamodb).endpoint;
  },
  log: (message) => console.log(`  … ${message}`),
};

async function loadBenchmarks(): Promise<Benchmark[]> {
  const files = readdirSync(here)
    .filter((file) => file.endsWith('.bench.ts'))
    .sort();
  const all: Benchmark[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(join(here, file)).href)) as { benchmarks?: Benchmark[] };
    all.push(...(module.benchmarks ?? []));
  }
  return all;
}

function format(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3);
}

async function main(): Promise<void> {
  const selected = (await loadBenchmarks()).filter((benchmark) => benchmark.name.includes(filter));
  const results: Array<BenchResult & { benchmark: string }> = [];
  try {
    for (const benchmark of selected) {
      console.log(`▶ ${benchmark.name}`);
      const started = performance.now();
      for (const result of await benchmark.run(context))
        results.push({ benchmark: benchmark.name, ...result });
      console.log(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
  } finally {
    if (dynamodb) await (await dynamodb).stop();
  }
  console.table(
    results.map((result) => ({
      benchmark: result.benchmark,
      measure: result.name,
      value: `${format(result.value)} ${result.unit}`,
      baseline: result.baseline ? `${result.baseline.name}: ${format(result.baseline.value)}` : '',
      ratio: result.ratio === undefined ? '' : format(result.ratio),
      goal: result.goal ?? '',
    })),
  );
  const out = join(here, 'results.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify({ at: new Date().toISOString(), node: process.version, filter, results }, null, 2)}\n`,
  );
  console.log(`results written to ${out}`);
}

await main();
