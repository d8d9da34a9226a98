function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Deep equality of stored values (what DynamoDB images unmarshall to: strings, numbers, booleans,
 * null, lists and maps). Map key order is not significant (two images of one item may list a map's
 * keys differently), and a key holding `undefined` counts as absent.
 *
 * @example
 * sameValue({ a: 1, b: [2] }, { b: [2], a: 1 }) // true
 */
export function sameValue(left: unknown, right: unknown): boolean {
  if (Object.is(left, right)) return true;
  if (Array.isArray(left) && Array.isArray(right)) {
    return left.length === right.length && left.every((item, index) => sameValue(item, right[index]));
  }
  if (isPlainObject(left) && isPlainObject(right)) {
    const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
    for (const key of keys) {
      if (!sameValue(left[key], right[key])) return false;
    }
    return true;
  }
  return false;
}

/**
 * The fields among `fields` whose values differ between two versions of a record, in the order
 * of `fields` (the payload schema's order, so the list is stable). A field set, cleared or changed
 * counts; one absent from both does not.
 *
 * @example
 * changedFieldNames(['name', 'tags'], { name: 'A', tags: [] }, { name: 'B', tags: [] }) // ['name']
 */
export function changedFieldNames<TField extends string>(
  fields: readonly TField[],
  before: Partial<Record<TField, unknown>>,
  after: Partial<Record<TField, unknown>>,
): TField[] {
  return fields.filter((field) => !sameValue(before[field], after[field]));
}
