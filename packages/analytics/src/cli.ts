/**
 * The analytics CLI, for people and for checks:
 *   npm run --silent analytics -- fit FILE [--cutoff YYYY-MM-DD]
 *   npm run --silent analytics -- holdout FILE --cutoff YYYY-MM-DD --end YYYY-MM-DD
 * Prints one JSON line on stdout; bad arguments or a failed fit exit non-zero with a message on stderr.
 */
import { parseArgs } from 'node:util';
import { fitBgNbd } from './bgnbd.js';
import { AnalyticsError } from './errors.js';
import { fitGammaGamma } from './gamma-gamma.js';
import { compareHoldout } from './holdout.js';
import { dayNumber, isoDay, summarizeHoldout, summarizeTransactions } from './summary.js';
import { readTransactionsFile } from './transactions-file.js';

const usage = `usage:
  analytics fit FILE [--cutoff YYYY-MM-DD]
  analytics holdout FILE --cutoff YYYY-MM-DD --end YYYY-MM-DD
FILE: the CDNOW sample layout (5 columns), the CDNOW master layout (4 columns, header) or a CSV
with header customer_id,date,amount (ISO dates). Transactions after --cutoff are ignored for the fit.`;

class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

function parseDay(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new UsageError(`${flag} must be YYYY-MM-DD, got "${value}"`);
  let day: number;
  try {
    day = dayNumber(value);
  } catch {
    throw new UsageError(`${flag} is not a calendar date: "${value}"`);
  }
  if (isoDay(day) !== value) throw new UsageError(`${flag} is not a calendar date: "${value}"`);
  return day;
}

function run(argv: string[]): unknown {
  let parsed: ReturnType<
    typeof parseArgs<{
      options: { cutoff: { type: 'string' }; end: { type: 'string' } };
      allowPositionals: true;
    }>
  >;
  try {
    parsed = parseArgs({
      args: argv,
      options: { cutoff: { type: 'string' }, end: { type: 'string' } },
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [command, file, ...rest] = parsed.positionals;
  if (command !== 'fit' && command !== 'holdout') throw new UsageError(`unknown command "${command ?? ''}"`);
  if (!file) throw new UsageError('missing FILE');
  if (rest.length > 0) throw new UsageError(`unexpected arguments: ${rest.join(' ')}`);
  let cutoffDay = parseDay(parsed.values.cutoff, '--cutoff');
  const endDay = parseDay(parsed.values.end, '--end');

  let read: ReturnType<typeof readTransactionsFile>;
  try {
    read = readTransactionsFile(file);
  } catch (error) {
    if (error instanceof AnalyticsError) throw error;
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const { layout, transactions } = read;
  const started = performance.now();

  if (command === 'fit') {
    if (endDay !== undefined) throw new UsageError('--end belongs to the holdout command');
    cutoffDay ??= transactions.reduce((max, t) => Math.max(max, t.day), Number.NEGATIVE_INFINITY);
    const summaries = summarizeTransactions(transactions, { cutoffDay });
    const bgnbd = fitBgNbd(summaries);
    const gammaGamma = fitGammaGamma(summaries);
    return {
      customers: bgnbd.customers,
      repeaters: bgnbd.repeaters,
      bgnbd: { ...bgnbd.params, ll: bgnbd.logLikelihood, iterations: bgnbd.iterations, method: bgnbd.method },
      gammaGamma: {
        ...gammaGamma.params,
        ll: gammaGamma.logLikelihood,
        customers: gammaGamma.customers,
        populationMeanSpend: gammaGamma.populationMeanSpend,
      },
      layout,
      cutoff: isoDay(cutoffDay),
      ms: Math.round(performance.now() - started),
    };
  }
  if (cutoffDay === undefined || endDay === undefined)
    throw new UsageError('holdout needs --cutoff and --end');
  if (endDay <= cutoffDay) throw new UsageError('--end must be after --cutoff');
  const customers = summarizeHoldout(transactions, { cutoffDay, endDay });
  const fit = fitBgNbd(customers);
  const comparison = compareHoldout(fit.params, customers, { cutoffDay, endDay });
  return {
    repeaters: fit.repeaters,
    bgnbd: { ...fit.params, ll: fit.logLikelihood },
    cutoff: isoDay(cutoffDay),
    end: isoDay(endDay),
    ...comparison,
    layout,
  };
}

try {
  process.stdout.write(`${JSON.stringify(run(process.argv.slice(2)))}\n`);
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`analytics: ${error.message}\n${usage}\n`);
    process.exitCode = 2;
  } else if (error instanceof AnalyticsError) {
    process.stderr.write(`analytics: ${error.code}: ${error.message}\n`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
