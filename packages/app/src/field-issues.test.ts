import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldIssuesOf } from './field-issues.js';

const issuesOf = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected a failure');
  return fieldIssuesOf(result.error);
};

describe('fieldIssuesOf', () => {
  it('keeps the English message and adds the code and the bound of a length', () => {
    const [short] = issuesOf(z.object({ name: z.string().min(2) }), { name: 'a' });
    expect(short).toEqual({
      path: 'name',
      message: expect.stringContaining('>=2'),
      code: 'too_small',
      origin: 'string',
      minimum: 2,
      inclusive: true,
    });
    const [long] = issuesOf(z.object({ tags: z.array(z.string()).max(3) }), { tags: ['a', 'b', 'c', 'd'] });
    expect(long).toMatchObject({ path: 'tags', code: 'too_big', origin: 'array', maximum: 3 });
  });

  it('names the format, the expected type, the allowed values and the divisor', () => {
    const schema = z.object({
      email: z.email(),
      count: z.number(),
      stage: z.enum(['lead', 'customer']),
      step: z.number().multipleOf(5),
    });
    const issues = issuesOf(schema, { email: 'not-an-email', count: 'three', stage: 'vip', step: 7 });
    expect(issues).toEqual([
      expect.objectContaining({ path: 'email', code: 'invalid_format', format: 'email' }),
      expect.objectContaining({ path: 'count', code: 'invalid_type', expected: 'number' }),
      expect.objectContaining({ path: 'stage', code: 'invalid_value', values: ['lead', 'customer'] }),
      expect.objectContaining({ path: 'step', code: 'not_multiple_of', divisor: 5 }),
    ]);
  });

  it('names each unknown key on its own path, with the code', () => {
    const [unknown] = issuesOf(z.strictObject({ settings: z.strictObject({}) }), { settings: { evil: 1 } });
    expect(unknown).toMatchObject({ path: 'settings.evil', code: 'unrecognized_keys' });
    expect(unknown).not.toHaveProperty('keys');
  });

  it('gives a refinement the custom code, and a date bound as milliseconds since the epoch', () => {
    const [refined] = issuesOf(
      z.string().refine(() => false, 'must be the tenant name'),
      'x',
    );
    expect(refined).toEqual({ path: '(root)', message: 'must be the tenant name', code: 'custom' });
    const [early] = issuesOf(z.date().min(new Date('2026-01-01')), new Date('2025-01-01'));
    expect(early).toMatchObject({ code: 'too_small', origin: 'date', minimum: Date.parse('2026-01-01') });
  });
});
