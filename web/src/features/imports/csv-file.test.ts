import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { previewCsv, rejectionsCsv } from './csv-file.js';

const rowsOf = (csv: string) =>
  Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;

describe('previewCsv', () => {
  it('reads the header (without a BOM) and the first rows', () => {
    const preview = previewCsv(
      '\uFEFFcustomer_id, name \nA1,Alice\nA2,"Bob, Jr."\nA3,Carol\nA4,Dan\n',
      'csv',
    );
    expect(preview.columns).toEqual(['customer_id', 'name']);
    expect(preview.sample).toEqual([
      ['A1', 'Alice'],
      ['A2', 'Bob, Jr.'],
      ['A3', 'Carol'],
    ]);
  });

  it('reads the CDNOW layout, whose columns are separated by runs of spaces', () => {
    const preview = previewCsv('customer_id   date  cds dollars\n00001 19970101 1  11.77\n', 'cdnow');
    expect(preview.columns).toEqual(['customer_id', 'date', 'cds', 'dollars']);
    expect(preview.sample).toEqual([['00001', '19970101', '1', '11.77']]);
  });
});

describe('rejectionsCsv', () => {
  it('puts each rejected row of the file beside the line, field and reason the API gave', () => {
    // Line numbers as the API counts them: the header is line 1, blank lines count.
    const text =
      'customer_id,name,email\nA1,Alice,a@example.com\n\nA2,Bob,not-an-email\nA3,"Carol, C.",c@example.com\n';
    const csv = rejectionsCsv([{ row: 4, field: 'email', reason: 'must be a valid e-mail address' }], {
      text,
      layout: 'csv',
    });
    expect(rowsOf(csv)).toEqual([
      ['row', 'field', 'reason', 'customer_id', 'name', 'email'],
      ['4', 'email', 'must be a valid e-mail address', 'A2', 'Bob', 'not-an-email'],
    ]);
  });

  it('finds rows in a file with Windows line endings and after a quoted line break', () => {
    const text = 'customer_id,name\r\nA1,"Alice\nLiddell"\r\nA2,\r\n';
    const csv = rejectionsCsv([{ row: 4, field: 'customer_id', reason: 'x' }], { text, layout: 'csv' });
    expect(rowsOf(csv)[1]).toEqual(['4', 'customer_id', 'x', 'A2', '']);
  });

  it('keeps the line, field and reason alone when the file is not at hand', () => {
    const csv = rejectionsCsv([
      { row: 7, reason: 'has 3 columns, the header has 2' },
      { row: 9, field: 'amount', reason: 'is required' },
    ]);
    expect(rowsOf(csv)).toEqual([
      ['row', 'field', 'reason'],
      ['7', '', 'has 3 columns, the header has 2'],
      ['9', 'amount', 'is required'],
    ]);
  });
});
