import { type CustomFieldDefinition, customFieldValueSchema } from './custom-field.schema.js';
import { currencyExponent, parseDecimalToMinor } from './money.js';

/** A file's cell read as a custom field's value, or why it cannot be one. */
export type CustomFieldCell = { ok: true; value: string | number | boolean } | { ok: false; reason: string };

// Spreadsheets and old systems write yes/no in many ways; these are the ones seen in exports.
const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', '是', '真', '对']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', '否', '假', '错']);

/** Plain decimals, thousands separators allowed ("1,234.5"), exponent allowed ("1e-3"). */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** YYYY-MM-DD, YYYY/MM/DD (Chinese spreadsheets) or YYYYMMDD (CDNOW and other exports). */
const DATE = /^(\d{4})[-/]?(\d{2})[-/]?(\d{2})$/;

/** Enumerations longer than this are cut in the reason: a rejection names a few, not 200. */
const LISTED_OPTIONS = 8;

function readDate(text: string): string | undefined {
  const match = DATE.exec(text);
  if (!match) return undefined;
  const iso = `${match[1]}-${match[2]}-${match[3]}`;
  const time = Date.parse(`${iso}T00:00:00Z`);
  // Date.parse rolls 2021-02-30 over to March; a real date survives the round trip.
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== iso) return undefined;
  return iso;
}

function optionsText(options: readonly string[]): string {
  const listed = options.slice(0, LISTED_OPTIONS).join(', ');
  return options.length > LISTED_OPTIONS ? `${listed}, …` : listed;
}

function converted(definition: CustomFieldDefinition, text: string, currency: string): CustomFieldCell {
  switch (definition.type) {
    case 'text':
      return { ok: true, value: text };
    case 'number': {
      const plain = text.replace(/,(?=\d{3}(\D|$))/g, '');
      return DECIMAL.test(plain)
        ? { ok: true, value: Number(plain) }
        : { ok: false, reason: 'must be a number' };
    }
    case 'date': {
      const iso = readDate(text);
      return iso ? { ok: true, value: iso } : { ok: false, reason: 'must be a date YYYY-MM-DD' };
    }
    case 'enum': {
      const options = definition.options ?? [];
      // An old system may have written the option in another case ("gold" for "Gold").
      const option =
        options.find((candidate) => candidate === text) ??
        options.find((candidate) => candidate.toLowerCase() === text.toLowerCase());
      return option !== undefined
        ? { ok: true, value: option }
        : { ok: false, reason: `must be one of: ${optionsText(options)}` };
    }
    case 'boolean': {
      const word = text.toLowerCase();
      if (TRUE_WORDS.has(word)) return { ok: true, value: true };
      if (FALSE_WORDS.has(word)) return { ok: true, value: false };
      return { ok: false, reason: 'must be true or false (yes/no, 1/0, 是/否)' };
    }
    case 'money': {
      const code = definition.currency ?? currency;
      const amount = parseDecimalToMinor(text, currencyExponent(code));
      return amount === undefined
        ? { ok: false, reason: `must be a decimal amount in ${code}` }
        : { ok: true, value: amount };
    }
  }
}

/**
 * Reads a non-empty cell of an import file as the custom field's value: numbers and money as
 * written in a spreadsheet (money in the field's currency, else `currency`, stored in minor units),
 * dates as YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD, yes/no words as booleans, an enum option in any
 * case. The value then passes the same schema as one sent as JSON, so a file cannot store what
 * the API would refuse.
 *
 * @example
 * customFieldValueOfCell({ ...definition, type: 'money' }, '1,280.50', 'CNY') // { ok: true, value: 128050 }
 */
export function customFieldValueOfCell(
  definition: CustomFieldDefinition,
  text: string,
  currency: string,
): CustomFieldCell {
  const read = converted(definition, text.trim(), currency);
  if (!read.ok) return read;
  const checked = customFieldValueSchema(definition).safeParse(read.value);
  if (!checked.success) return { ok: false, reason: checked.error.issues[0]?.message ?? 'is not valid' };
  return read;
}
