import { type Stringifier, stringify } from 'csv-stringify';

/**
 * The one way this API writes CSV for download. A cell whose text begins with `=`, `+`, `-`, `@`,
 * tab or CR (or their full-width forms) is a formula to Excel, LibreOffice and Google Sheets:
 * a customer named `=HYPERLINK(…)` would run in the exporting user's spreadsheet. csv-stringify's
 * `escape_formulas` prefixes such cells with `'` (OWASP, "CSV Injection"); numbers stay numbers.
 * A UTF-8 BOM lets Excel read Chinese text correctly.
 *
 * @example
 * const csv = csvExportStringifier(['id', 'name']);
 * csv.write({ id: '1', name: '=1+1' }); // → 1,'=1+1
 */
export function csvExportStringifier(columns: readonly string[]): Stringifier {
  return stringify({ header: true, columns: [...columns], bom: true, escape_formulas: true });
}
