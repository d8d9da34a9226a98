// biome-ignore lint/style/noRestrictedImports: the CLI's file reader is the package's I/O edge; only cli.ts (and tests) import it.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { AnalyticsError } from './errors.js';
import { dayNumber, type Transaction } from './summary.js';

/** The file layouts the CLI understands, detected from the first lines. */
export type TransactionsLayout = 'cdnow-sample' | 'cdnow-master' | 'csv';

/**
 * Parses transaction text in one of three layouts, detected automatically:
 * - `cdnow-sample`: 5 whitespace-separated columns (master id, sample id, yyyymmdd, cds, dollars);
 *   the customer is the master id;
 * - `cdnow-master`: 4 whitespace-separated columns (customer_id, yyyymmdd, cds, dollars), an
 *   optional header line, LF or CRLF;
 * - `csv`: comma-separated with a header naming `customer_id`, `date` (ISO) and `amount`.
 */
export function parseTransactionsText(text: string): {
  layout: TransactionsLayout;
  transactions: Transaction[];
} {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (firstLine.includes(',')) return { layout: 'csv', transactions: parseCsv(text) };
  return parseWhitespace(text);
}

function parseCsv(text: string): Transaction[] {
  const rows = parse(text, { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  const first = rows[0];
  if (first && !('customer_id' in first && 'date' in first && 'amount' in first)) {
    throw new AnalyticsError('invalid_input', 'a CSV needs a header with customer_id,date,amount');
  }
  return rows.map((row, index) => {
    const amount = Number(row.amount);
    if (!row.customer_id || !Number.isFinite(amount)) {
      throw new AnalyticsError('invalid_input', `CSV row ${index + 2}: bad customer_id or amount`);
    }
    return { customerId: row.customer_id, day: dayNumber(row.date ?? ''), amount };
  });
}

function parseWhitespace(text: string): { layout: TransactionsLayout; transactions: Transaction[] } {
  const transactions: Transaction[] = [];
  let columns = 0;
  let lineNumber = 0;
  for (const line of text.split('\n')) {
    lineNumber++;
    const fields = line.trim().split(/\s+/);
    if (fields.length === 1 && fields[0] === '') continue;
    if (columns === 0) {
      // A header is a first line whose first field is not a number.
      if (!/^\d+$/.test(fields[0] ?? '')) continue;
      columns = fields.length;
      if (columns !== 4 && columns !== 5) {
        throw new AnalyticsError(
          'invalid_input',
          `line ${lineNumber}: expected the CDNOW sample (5 columns) or master (4 columns) layout, found ${columns} columns`,
        );
      }
    }
    if (fields.length !== columns) {
      throw new AnalyticsError(
        'invalid_input',
        `line ${lineNumber}: expected ${columns} columns, found ${fields.length}`,
      );
    }
    const dateField = fields[columns === 5 ? 2 : 1] as string;
    const amount = Number(fields[columns - 1]);
    if (!/^\d{8}$/.test(dateField) || !Number.isFinite(amount)) {
      throw new AnalyticsError('invalid_input', `line ${lineNumber}: bad date or amount`);
    }
    transactions.push({ customerId: String(Number(fields[0])), day: dayNumber(dateField), amount });
  }
  if (columns === 0) throw new AnalyticsError('invalid_input', 'no transactions found');
  return { layout: columns === 5 ? 'cdnow-sample' : 'cdnow-master', transactions };
}

/** Reads and parses a transactions file (see `parseTransactionsText`). */
export function readTransactionsFile(path: string): {
  layout: TransactionsLayout;
  transactions: Transaction[];
} {
  return parseTransactionsText(readFileSync(path, 'utf8'));
}
