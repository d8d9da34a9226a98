/**
 * The benchmark harness behind `npm run bench`. Each `bench/*.bench.ts` file exports `benchmarks`;
 * a benchmark measures something AND a baseline in the same run, so results are ratios that hold on
 * any machine (e.g. our API vs raw DynamoDB through the same client).
 */
export type BenchResult = {
  /** What was measured, e.g. "create customer via API". */
  name: string;
  value: number;
  /** e.g. "items/s", "ms", "bytes". */
  unit: string;
  /** The baseline measured in the same run, if this result is a comparison. */
  baseline?: { name: string; value: number };
  /** value / baseline.value (or the inverse where lower is better; say which in `notes`). */
  ratio?: number;
  /** The goal, if the issue states one, e.g. ">= 0.7". */
  goal?: string;
  notes?: string;
};

export type BenchContext = {
  /** A DynamoDB Local endpoint started by the harness and shared by all benchmarks. */
  dynamodbEndpoint: () => Promise<string>;
  /** Prints a progress line. */
  log: (message: string) => void;
};

export type Benchmark = {
  /** Unique, kebab-case; `npm run bench -- <filter>` runs the ones whose name contains the filter. */
  name: string;
  run: (context: BenchContext) => Promise<BenchResult[]>;
};

/** Sorted samples → the q-quantile (0..1) by nearest rank. */
export function quantile(sortedSamples: readonly number[], q: number): number {
  if (sortedSamples.length === 0) return Number.NaN;
  const index = Math.min(sortedSamples.length - 1, Math.max(0, Math.ceil(q * sortedSamples.length) - 1));
  return sortedSamples[index] as number;
}
