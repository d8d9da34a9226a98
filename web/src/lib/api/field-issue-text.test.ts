import { describe, expect, it } from 'vitest';
import type { FieldIssue } from './errors.js';
import { fieldIssueText } from './field-issue-text.js';

const issue = (detail: Partial<FieldIssue>): FieldIssue => ({
  path: 'x',
  message: 'the API’s words',
  ...detail,
});

describe('fieldIssueText', () => {
  it.each([
    [{ code: 'too_small', origin: 'string', minimum: 1, inclusive: true }, '必填', 'Required'],
    [
      { code: 'too_small', origin: 'string', minimum: 10, inclusive: true },
      '至少 10 个字符',
      'At least 10 characters',
    ],
    [{ code: 'too_big', origin: 'string', maximum: 200 }, '不能超过 200 个字符', 'At most 200 characters'],
    [
      { code: 'too_big', origin: 'string', maximum: 6, exact: true },
      '必须是 6 个字符',
      'Exactly 6 characters',
    ],
    [
      { code: 'too_small', origin: 'string', minimum: 6, exact: true },
      '必须是 6 个字符',
      'Exactly 6 characters',
    ],
    [{ code: 'too_small', origin: 'array', minimum: 1 }, '至少选择一项', 'Choose at least one'],
    [
      { code: 'too_big', origin: 'number', maximum: 10_000, inclusive: true },
      '不能大于 10,000',
      'Must be at most 10,000',
    ],
    [
      { code: 'too_small', origin: 'int', minimum: 0, inclusive: false },
      '必须大于 0',
      'Must be greater than 0',
    ],
    [{ code: 'invalid_format', format: 'email' }, '不是有效的电子邮件地址', 'Not a valid e-mail address'],
    [{ code: 'invalid_type', expected: 'number' }, '应为数字', 'Must be a number'],
    [
      { code: 'invalid_value', values: ['zh-CN', 'en'] },
      '必须是以下之一：zh-CN / en',
      'Must be one of: zh-CN / en',
    ],
    [{ code: 'not_multiple_of', divisor: 5 }, '必须是 5 的倍数', 'Must be a multiple of 5'],
    [{ code: 'unrecognized_keys' }, '不是此表单的字段', 'Not a field of this form'],
    [{ code: 'common_password' }, '这是常用密码，请换一个', 'A commonly used password: choose another'],
  ])('words %o in Chinese and English', (detail, chinese, english) => {
    expect(fieldIssueText(issue(detail), 'zh-CN')).toBe(chinese);
    expect(fieldIssueText(issue(detail), 'en')).toBe(english);
  });

  it('says a pattern mismatch generically in Chinese, and with the schema’s own words in English', () => {
    const pattern = issue({
      code: 'invalid_format',
      format: 'regex',
      message: 'must be a 3-letter ISO-4217 code',
    });
    expect(fieldIssueText(pattern, 'zh-CN')).toBe('格式不正确');
    expect(fieldIssueText(pattern, 'en')).toBe('must be a 3-letter ISO-4217 code');
  });

  it('falls back to the API’s message without a code, for custom and unknown codes, and without the bound', () => {
    for (const detail of [
      {},
      { code: 'custom' },
      { code: 'is_taken' },
      { code: 'too_small', origin: 'string' },
    ]) {
      expect(fieldIssueText(issue(detail), 'zh-CN')).toBe('the API’s words');
    }
  });
});
