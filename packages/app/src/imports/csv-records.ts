import { Readable } from 'node:stream';
import { DomainError } from '@crm/domain';
import { parse } from 'csv-parse';

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
 * The CDNOW master layout separates columns by runs of spaces; this turns it into CSV so the one
 * CSV parser reads both layouts.
 */
function cdnowToCsv(text: string): string {
  return text.replace(/[ \t]+/g, ',').replace(/^,|,$/gm, '');
}

/**
 * Streams the file's records, keyed by the header line's column names. A row with a different
 * number of columns than the header is yielded as an error (a ragged row), not dropped silently.
 * Malformed CSV (an unclosed quote) ends the stream with a 422 naming the line.
 */
export async function* readCsvRecords(text: string, layout: 'csv' | 'cdnow'): AsyncGenerator<CsvRow> {
  const source = layout === 'cdnow' ? cdnowToCsv(text) : text;
  const parser = Readable.from(chunks(source)).pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: true, info: true }),
  );
  let header: string[] | undefined;
  try {
    for await (const entry of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const { record, info } = entry;
      if (!header) {
        header = record.map((name) => name.trim());
        continue;
      }
      if (record.length !== header.length) {
        yield { row: info.lines, error: `has ${record.length} columns, the header has ${header.length}` };
        continue;
      }
      const values: Record<string, string> = {};
      header.forEach((name, index) => {
        values[name] = record[index] ?? '';
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
