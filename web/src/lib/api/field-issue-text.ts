import * as i18n from '@solid-primitives/i18n';
import { formatDate, formatNumber } from '../i18n/format.js';
import { useLocale } from '../i18n/i18n-context.js';
import type { Locale } from '../i18n/locale.js';
import { type FieldIssue, fieldErrorsOf } from './errors.js';
import { fieldIssueMessages } from './field-issue-messages.js';

type FieldIssueKey = keyof (typeof fieldIssueMessages)['en'];

const listOrigins = new Set(['array', 'set']);
const numberOrigins = new Set(['number', 'int', 'bigint']);

function boundKey(issue: FieldIssue, bound: number, side: 'min' | 'max'): FieldIssueKey | undefined {
  if (issue.origin === 'string') {
    if (issue.exact) return 'string.exact';
    return side === 'min' && bound === 1 ? 'required' : `string.${side}`;
  }
  if (listOrigins.has(issue.origin ?? '')) {
    return side === 'min' && bound === 1 ? 'list.nonEmpty' : `list.${side}`;
  }
  if (numberOrigins.has(issue.origin ?? '')) {
    if (issue.inclusive === false) return side === 'min' ? 'number.greater' : 'number.less';
    return `number.${side}`;
  }
  return issue.origin === 'date' ? `date.${side}` : undefined;
}

function messageKey(issue: FieldIssue): FieldIssueKey | undefined {
  const known = (key: string) => (key in fieldIssueMessages.en ? (key as FieldIssueKey) : undefined);
  switch (issue.code) {
    case 'too_small':
      return issue.minimum === undefined ? undefined : boundKey(issue, issue.minimum, 'min');
    case 'too_big':
      return issue.maximum === undefined ? undefined : boundKey(issue, issue.maximum, 'max');
    case 'invalid_format':
      return known(`format.${issue.format}`) ?? 'format';
    case 'invalid_type':
      return known(`type.${issue.expected}`) ?? 'type';
    case 'invalid_value':
      if (!issue.values?.length) return 'invalid';
      return issue.values.length === 1 ? 'value.one' : 'value.oneOf';
    case 'not_multiple_of':
      return issue.divisor === undefined ? undefined : 'multipleOf';
    case 'unrecognized_keys':
      return 'unknownField';
    case 'common_password':
      return 'commonPassword';
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
      return 'invalid';
    default:
      // `custom` and other codes of a service: its message is the only words there are.
      return undefined;
  }
}

function bound(value: number | undefined, issue: FieldIssue, locale: Locale): string {
  if (value === undefined) return '';
  return issue.origin === 'date' ? formatDate(new Date(value), locale) : formatNumber(value, locale);
}

/**
 * A field issue in the user's language, from its `code` and bounds; the API's (English) message
 * when the code is absent or one the SPA has no words for.
 *
 * @example
 * fieldIssueText({ path: 'name', message: 'Too small…', code: 'too_small', origin: 'string', minimum: 2 }, 'zh-CN')
 * // '至少 2 个字符'
 */
export function fieldIssueText(issue: FieldIssue, locale: Locale): string {
  // A pattern's own English words ("must be a 3-letter ISO-4217 code") say more than any generic
  // ones; in other languages the generic words beat English.
  if (locale === 'en' && issue.code === 'invalid_format' && issue.format === 'regex') return issue.message;
  const key = messageKey(issue);
  if (key === undefined) return issue.message;
  return i18n.resolveTemplate(fieldIssueMessages[locale][key], {
    minimum: bound(issue.minimum, issue, locale),
    maximum: bound(issue.maximum, issue, locale),
    // An exact length comes as the minimum (too short) or the maximum (too long).
    length: bound(issue.minimum ?? issue.maximum, issue, locale),
    divisor: issue.divisor === undefined ? '' : formatNumber(issue.divisor, locale),
    values: (issue.values ?? []).join(' / '),
  });
}

/** `fieldIssueText` in the current language, for components. */
export function useFieldIssueText(): (issue: FieldIssue) => string {
  const { locale } = useLocale();
  return (issue) => fieldIssueText(issue, locale());
}

/** `fieldErrorsOf` in the current language, for components: `fieldErrors(form.error()).email`. */
export function useFieldErrors(): (error: unknown) => Readonly<Record<string, string>> {
  const { locale } = useLocale();
  return (error) => fieldErrorsOf(error, locale());
}
