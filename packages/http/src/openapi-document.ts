/**
 * Corrections to what the zod → OpenAPI generator writes, applied to the whole document in one
 * place so no route or schema has to work around them:
 *
 * - A nullable registered schema comes out as `allOf: [{$ref}, {type: [X, 'null']}]`, which no
 *   value satisfies when it is null (the `$ref` branch refuses null): it becomes
 *   `anyOf: [{$ref}, {type: 'null'}]`, the OpenAPI 3.1 way.
 * - A zod tuple comes out as `prefixItems` with nothing after it, which admits extra items: it is
 *   closed (no further items) and sized, as zod parses it.
 * - An integer comes out as bare `type: integer`: zod's `.int()` admits safe integers only, so
 *   the format is `int64` and, where the schema sets no tighter bound, the bounds are ±(2^53 − 1).
 */
export function correctGeneratedDocument<T>(document: T): T {
  return correct(document) as T;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function correct(node: unknown): Json {
  if (Array.isArray(node)) return node.map(correct);
  if (node === null || typeof node !== 'object') return node as Json;
  const schema: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) schema[key] = correct(value);
  return correctSchema(schema);
}

function correctSchema(schema: { [key: string]: Json }): { [key: string]: Json } {
  const nullableRef = nullableReference(schema);
  if (nullableRef) {
    const { allOf: _allOf, ...rest } = schema;
    return { ...rest, anyOf: [nullableRef, { type: 'null' }] };
  }
  if (schema.type === 'array' && Array.isArray(schema.prefixItems) && schema.items === undefined) {
    // `{ not: {} }` is `false` spelled as a schema, which Spectral's array-items rule accepts.
    schema.items = { not: {} };
    schema.minItems ??= schema.prefixItems.length;
    schema.maxItems = schema.prefixItems.length;
  }
  if (isIntegerType(schema.type)) {
    schema.format ??= 'int64';
    if (schema.minimum === undefined && schema.exclusiveMinimum === undefined) {
      schema.minimum = -Number.MAX_SAFE_INTEGER;
    }
    if (schema.maximum === undefined && schema.exclusiveMaximum === undefined) {
      schema.maximum = Number.MAX_SAFE_INTEGER;
    }
  }
  return schema;
}

function isIntegerType(type: Json | undefined): boolean {
  return type === 'integer' || (Array.isArray(type) && type.includes('integer'));
}

function nullableReference(schema: { [key: string]: Json }): Json | undefined {
  const allOf = schema.allOf;
  if (!Array.isArray(allOf) || allOf.length !== 2) return undefined;
  const [reference, nullability] = allOf;
  if (!isObject(reference) || typeof reference.$ref !== 'string') return undefined;
  if (!isObject(nullability) || Object.keys(nullability).length !== 1) return undefined;
  const type = nullability.type;
  return Array.isArray(type) && type.length === 2 && type.includes('null') ? reference : undefined;
}

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
