import Papa from 'papaparse';
import type { components } from '../../lib/api/schema.js';
import type { ImportLayout } from './column-mapping.js';

export type ImportRejection = components['schemas']['ImportReport']['rejected'][number];

/** The API's limit on one file (packages/http MAX_IMPORT_BYTES). */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;

/**
 * The CDNOW master layout separates columns by runs of spaces; the API turns it into CSV the same
 * way before parsing, so the header and line numbers seen here match the API's.
 */
function asCsv(text: string, layout: ImportLayout): string {
  return layout === 'cdnow' ? text.replace(/[ \t]+/g, ',').replace(/^,|,$/gm, '') : text;
}

export type CsvPreview = {
  columns: string[];
  /** The first few data rows, for the mapping step's examples. */
  sample: string[][];
};

/** The header line and a few rows, read in the browser: enough to map the columns. */
export function previewCsv(text: string, layout: ImportLayout, rows = 3): CsvPreview {
  const parsed = Papa.parse<string[]>(asCsv(text, layout), {
    preview: rows + 1,
    skipEmptyLines: true,
  });
  const [header = [], ...sample] = parsed.data;
  return { columns: header.map((name) => name.replace(/^\uFEFF/, '').trim()), sample };
}

/** Where each line starts: the 1-based line number of a character offset is found by bisection. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
    starts.push(index + 1);
  }
  return starts;
}

function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if ((starts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}

const REJECTION_COLUMNS = ['row', 'field', 'reason'] as const;

/**
 * The rejected rows as a CSV to fix and import again: the line number, field and reason the API
 * gave, then the row's own columns from the file. Without the file (a past import), only the
 * line, field and reason.
 */
export function rejectionsCsv(
  rejections: readonly ImportRejection[],
  file?: { text: string; layout: ImportLayout },
): string {
  const reasons = (rejection: ImportRejection) => [
    String(rejection.row),
    rejection.field ?? '',
    rejection.reason,
  ];
  if (!file) {
    return Papa.unparse({ fields: [...REJECTION_COLUMNS], data: rejections.map(reasons) });
  }
  const text = asCsv(file.text, file.layout);
  const starts = lineStarts(text);
  const wanted = new Set(rejections.map((rejection) => rejection.row));
  const rowsByLine = new Map<number, string[]>();
  let header: string[] | undefined;
  Papa.parse<string[]>(text, {
    skipEmptyLines: true,
    step: (result) => {
      const record = result.data;
      if (!header) {
        header = record.map((name) => name.replace(/^\uFEFF/, '').trim());
        return;
      }
      // The API numbers a row by the line its record ends on (csv-parse `info.lines`).
      const end = result.meta.cursor - 1;
      const line = lineOf(starts, text[end] === '\n' ? Math.max(0, end - 1) : end);
      if (wanted.has(line)) rowsByLine.set(line, record);
    },
  });
  return Papa.unparse({
    fields: [...REJECTION_COLUMNS, ...(header ?? [])],
    data: rejections.map((rejection) => [...reasons(rejection), ...(rowsByLine.get(rejection.row) ?? [])]),
  });
}
