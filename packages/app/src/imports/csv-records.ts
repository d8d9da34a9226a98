import { Readable } from 'node:stream';
import { DomainError } from '@crm/domain';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';

export type CsvRow = { row: number; values: Record<string, string> } | { row: number; error: string };

/** The bytes as UTF-8 text, or a 422 saying the file is not UTF-8 (before anything is written). */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DomainError(
      'unprocessable',
      'The file is not valid UTF-8 text; save it as UTF-8 (CSV UTF-8) and try again',
      {
        fields: [{ path: 'file', message: 'is not valid UTF-8' }],
      },
    );
  }
}

/**
 * The CDNOW layout separates columns by runs of spaces; this turns it into CSV so the one CSV
 * parser reads both layouts.
 */
function cdnowToCsv(text: string): string {
  return text.replace(/[ \t]+/g, ',').replace(/^,|,$/gm, '');
}

/**
 * The CDNOW layout's columns by position: the master file (customer id, date YYYYMMDD, CDs,
 * dollars; with or without its header line) and the sample file (the same with the customer's
 * sample id second, no header). Rows are keyed by the transaction importer's own column names,
 * so the layout needs no mapping.
 */
const cdnowColumns: Record<number, string[]> = {
  4: ['customer_id', 'date', 'quantity', 'amount'],
  5: ['customer_id', 'sample_id', 'date', 'quantity', 'amount'],
};

/** A CDNOW header line names its columns; a data line starts with a customer id (digits). */
const isCdnowHeader = (record: string[]) => !/^\d+$/.test(record[0] ?? '');

/**
 * The column names a file offers, from its first line, before any row is read: a mapping or a
 * default naming a column that is not there is refused up front (see checkImportColumns).
 */
export function importFileColumns(text: string, layout: 'csv' | 'cdnow'): string[] {
  const firstLine = /^[^\r\n]*/.exec(text.replace(/^\uFEFF/, ''))?.[0] ?? '';
  if (layout === 'csv') {
    try {
      const [record] = parseSync(firstLine, { trim: true, relax_quotes: true }) as string[][];
      return record ?? [];
    } catch {
      // A malformed header is reported by the reader, with its line.
      return [];
    }
  }
  const record = cdnowToCsv(firstLine).split(',');
  const positional = cdnowColumns[record.length] ?? [];
  return isCdnowHeader(record) ? [...positional, ...record] : positional;
}

/**
 * Streams the file's records, keyed by the header line's column names (CSV) or by position
 * (CDNOW, where a header line's names are kept as aliases). A row with a different number of
 * columns than the header is yielded as an error (a ragged row), not dropped silently.
 * Malformed CSV (an unclosed quote) ends the stream with a 422 naming the line.
 */
export async function* readCsvRecords(text: string, layout: 'csv' | 'cdnow'): AsyncGenerator<CsvRow> {
  const source = layout === 'cdnow' ? cdnowToCsv(text) : text;
  const parser = Readable.from(chunks(source)).pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: true, info: true }),
  );
  let header: string[] | undefined;
  let aliases: string[] = [];
  try {
    for await (const entry of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const { record, info } = entry;
      if (!header) {
        if (layout === 'csv') {
          header = record.map((name) => name.trim());
          continue;
        }
        header = cdnowColumns[record.length] ?? cdnowColumns[4] ?? [];
        if (isCdnowHeader(record)) {
          aliases = record;
          continue;
        }
      }
      if (record.length !== header.length) {
        yield { row: info.lines, error: `has ${record.length} columns, the header has ${header.length}` };
        continue;
      }
      const values: Record<string, string> = {};
      header.forEach((name, index) => {
        values[name] = record[index] ?? '';
      });
      aliases.forEach((name, index) => {
        values[name] ??= record[index] ?? '';
      });
      yield { row: info.lines, values };
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new DomainError('unprocessable', `The file is not well-formed CSV: ${message}`, {
      fields: [{ path: 'file', message }],
    });
  }
  if (!header) {
    throw new DomainError('unprocessable', 'The file is empty: it needs a header line', {
      fields: [{ path: 'file', message: 'has no header line' }],
    });
  }
}

function* chunks(text: string, size = 64 * 1024): Generator<string> {
  for (let start = 0; start < text.length; start += size) yield text.slice(start, start + size);
}
