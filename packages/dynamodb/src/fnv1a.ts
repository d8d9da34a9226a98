/**
 * FNV-1a (32 bits) of a string's UTF-16 code units: stable across processes and releases, even,
 * and cheap. What spreads a family of keys over shards (the customer list, the external-id
 * directory); changing it would move every item already written, so it never changes.
 *
 * @example
 * fnv1a('') // 2166136261
 */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
