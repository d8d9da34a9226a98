import { describe, expect, it } from 'vitest';
import { correctGeneratedDocument } from './openapi-document.js';

describe('correctGeneratedDocument', () => {
  it('turns a nullable reference into anyOf [$ref, null], which admits null', () => {
    const corrected = correctGeneratedDocument({
      stage: { allOf: [{ $ref: '#/components/schemas/LifecycleStage' }, { type: ['string', 'null'] }] },
    });
    expect(corrected.stage).toEqual({
      anyOf: [{ $ref: '#/components/schemas/LifecycleStage' }, { type: 'null' }],
    });
  });

  it('leaves an allOf that is not a nullable reference alone', () => {
    const schema = { allOf: [{ $ref: '#/components/schemas/A' }, { type: 'object', properties: {} }] };
    expect(correctGeneratedDocument({ schema }).schema).toEqual(schema);
  });

  it('closes and sizes a tuple', () => {
    const corrected = correctGeneratedDocument({
      tuple: { type: 'array', prefixItems: [{ type: 'number' }, { type: 'number' }] },
    });
    expect(corrected.tuple).toMatchObject({ items: { not: {} }, minItems: 2, maxItems: 2 });
  });

  it('gives an integer the int64 format and the safe-integer bounds it lacks', () => {
    const corrected = correctGeneratedDocument({
      bare: { type: 'integer' },
      positive: { type: 'integer', exclusiveMinimum: 0, maximum: 10 },
    });
    expect(corrected.bare).toEqual({
      type: 'integer',
      format: 'int64',
      minimum: -Number.MAX_SAFE_INTEGER,
      maximum: Number.MAX_SAFE_INTEGER,
    });
    expect(corrected.positive).toEqual({
      type: 'integer',
      exclusiveMinimum: 0,
      maximum: 10,
      format: 'int64',
    });
  });
});
