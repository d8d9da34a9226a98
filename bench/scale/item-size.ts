/**
 * The size DynamoDB bills an item at, by its documented rules ("Item sizes and formats", DynamoDB
 * developer guide): attribute names plus values; a string is its UTF-8 bytes, a number about one
 * byte per two significant digits plus one, a boolean or null one byte, a list or map 3 bytes plus
 * its elements and one byte per element. Write units are charged per started KB of the larger of
 * the item's old and new images (1 WCU per KB, 2 in a transaction); an index entry under an `ALL`
 * projection is the item again.
 */
export function itemBytes(item: Record<string, unknown>): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(item)) {
    if (value === undefined) continue;
    bytes += Buffer.byteLength(name, 'utf8') + valueBytes(value);
  }
  return bytes;
}

function valueBytes(value: unknown): number {
  if (value === null || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return Buffer.byteLength(value, 'utf8');
  if (typeof value === 'number') return numberBytes(value);
  if (Array.isArray(value)) {
    let bytes = 3;
    for (const element of value) bytes += 1 + valueBytes(element);
    return bytes;
  }
  if (typeof value === 'object') {
    let bytes = 3;
    for (const [name, element] of Object.entries(value as Record<string, unknown>)) {
      if (element === undefined) continue;
      bytes += 1 + Buffer.byteLength(name, 'utf8') + valueBytes(element);
    }
    return bytes;
  }
  throw new Error(`no DynamoDB size for a ${typeof value}`);
}

function numberBytes(value: number): number {
  const digits = Math.abs(value)
    .toExponential()
    .replace(/e.*$/, '')
    .replace('.', '')
    .replace(/^0+|0+$/g, '');
  return Math.ceil(Math.max(1, digits.length) / 2) + 1;
}

/** Write units of one write of an item of this size (`transactional`: twice, as DynamoDB bills). */
export function writeUnits(bytes: number, transactional = false): number {
  return Math.max(1, Math.ceil(bytes / 1024)) * (transactional ? 2 : 1);
}

/** Read units of reading this many bytes (eventually consistent: half, per started 4 KB). */
export function readUnits(bytes: number, consistent = false): number {
  const units = Math.max(1, Math.ceil(bytes / 4096));
  return consistent ? units : units / 2;
}
