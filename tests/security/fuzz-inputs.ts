import fc from 'fast-check';

/**
 * What the route fuzzer (fuzz.test.ts) sends: a body (shaped like the API's own, any JSON value, or
 * none), a query string, and whether a body goes as raw, broken JSON text. `inputKinds` names the
 * kinds of odd input a run holds, so the suite can prove its few runs hold every one.
 */

/** The odd strings worth sending on purpose: empty, control, key separators, paths, prototype keys, too long. */
export const ODD_CONSTANTS = [
  '',
  ' ',
  '\u0000',
  '%',
  '#',
  'T#x#',
  '../../',
  '__proto__',
  'constructor',
  '9'.repeat(400),
  'a'.repeat(5000),
] as const;

const oddString = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom(...ODD_CONSTANTS),
);
const oddValue = fc.oneof(
  oddString,
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, true, false, Number.MAX_SAFE_INTEGER + 2, -1, 0),
  fc.array(oddString, { maxLength: 3 }),
  fc.dictionary(oddString, oddString, { maxKeys: 3 }),
);
const knownKeys = [
  'name',
  'kind',
  'status',
  'tags',
  'email',
  'phone',
  'password',
  'tenantName',
  'type',
  'amount',
  'currency',
  'occurredAt',
  'version',
  'customFields',
  'parentId',
  'ownerId',
  'role',
  'scope',
  'key',
  'label',
  'options',
  'relations',
  'roles',
  'settings',
  'refreshToken',
  'token',
  'address',
  'birthday',
  'limit',
  'cursor',
  'sort',
  'q',
];
const shapedBody = fc.dictionary(fc.constantFrom(...knownKeys), oddValue, { maxKeys: 6 });
export const anyBody = fc.oneof(shapedBody, fc.jsonValue({ maxDepth: 3 }), fc.constant(undefined));
export const query = fc.dictionary(
  fc.constantFrom(...knownKeys, 'archived', 'order', 'tag', 'segment', 'customField', 'type'),
  oddString,
  {
    maxKeys: 4,
  },
);
/** The fuzzer's arguments, in the order its property takes them: body, query, raw. */
export const fuzzInput = [anyBody, query, fc.boolean()] as const;

/** An odd constant's kind, readable in a failure (`odd:"a×5000"`). */
const oddKind = (odd: string) => `odd:${JSON.stringify(odd.length > 20 ? `${odd[0]}×${odd.length}` : odd)}`;

/** Every kind `inputKinds` can name. */
export const ALL_INPUT_KINDS: readonly string[] = [
  'body:none',
  'body:shaped',
  'body:json',
  'body:{}',
  'body:raw',
  'query',
  ...ODD_CONSTANTS.map(oddKind),
];

/** The kinds of odd input one run sends: its body's kind, raw text, a query, each odd constant in keys or values. */
export function inputKinds(body: unknown, params: Record<string, string>, raw: boolean): Set<string> {
  const kinds = new Set<string>();
  const shaped =
    body !== null &&
    typeof body === 'object' &&
    !Array.isArray(body) &&
    Object.keys(body).length > 0 &&
    Object.keys(body).every((key) => knownKeys.includes(key));
  kinds.add(body === undefined ? 'body:none' : shaped ? 'body:shaped' : 'body:json');
  // An empty change, sent as JSON: the body a PATCH accepts (200), so its write path runs too.
  const empty =
    !raw &&
    body !== null &&
    typeof body === 'object' &&
    !Array.isArray(body) &&
    Object.keys(body).length === 0;
  if (empty) kinds.add('body:{}');
  if (raw && body !== undefined) kinds.add('body:raw');
  if (Object.keys(params).length > 0) kinds.add('query');
  const visit = (node: unknown): void => {
    if (typeof node === 'string') {
      if ((ODD_CONSTANTS as readonly string[]).includes(node)) kinds.add(oddKind(node));
    } else if (Array.isArray(node)) {
      node.forEach(visit);
    } else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        visit(key);
        visit(value);
      }
    }
  };
  visit(body);
  visit(params);
  return kinds;
}
