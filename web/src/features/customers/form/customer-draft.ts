import type { components } from '../../../lib/api/schema.js';
import { currencyDigits } from '../../../lib/i18n/format.js';

type Schemas = components['schemas'];
export type Customer = Schemas['Customer'];
export type CustomerCreate = Schemas['CustomerCreate'];
export type CustomerPatch = Omit<Schemas['CustomerPatch'], 'version'>;
export type CustomFieldDefinition = Schemas['CustomFieldDefinition'];
export type CustomerKind = Schemas['CustomerKind'];
export type CustomerStatus = Schemas['CustomerStatus'];
export type LifecycleStage = Schemas['LifecycleStage'];
export type RelationshipLevel = Schemas['RelationshipLevel'];

export const customerKinds: readonly CustomerKind[] = [
  'consumer',
  'business',
  'distributor',
  'agent',
  'government',
  'other',
];
export const customerStatuses: readonly CustomerStatus[] = ['prospect', 'active', 'dormant', 'lost'];
export const lifecycleStages: readonly LifecycleStage[] = [
  'identification',
  'development',
  'stability',
  'decline',
];
export const relationshipLevels: readonly RelationshipLevel[] = [
  'basic',
  'reactive',
  'accountable',
  'proactive',
  'partnership',
];
export const companySizes = ['1-9', '10-49', '50-249', '250-999', '1000+'] as const;

/** The form as typed: every input is a string (custom fields too), converted only on save. */
export type CustomerDraft = {
  name: string;
  kind: CustomerKind;
  status: CustomerStatus;
  ownerId: string;
  email: string;
  phone: string;
  /** Comma-separated, as typed. */
  tags: string;
  lifecycleStage: string;
  relationshipLevel: string;
  industry: string;
  size: string;
  birthday: string;
  customFields: Record<string, string>;
};

/** Messages the form's own checks give, by key of form-messages.ts. */
export type DraftProblem = 'required' | 'email' | 'phone' | 'number' | 'money' | 'date' | 'tags' | 'tooLong';

function customFieldText(definition: CustomFieldDefinition, value: unknown, currency: string): string {
  if (value === null || value === undefined) return '';
  if (definition.type === 'money' && typeof value === 'number') {
    const digits = currencyDigits(definition.currency ?? currency);
    return (value / 10 ** digits).toFixed(digits);
  }
  return String(value);
}

export function draftOf(
  customer: Customer | undefined,
  definitions: readonly CustomFieldDefinition[],
  currency: string,
): CustomerDraft {
  const customFields: Record<string, string> = {};
  for (const definition of definitions) {
    customFields[definition.key] = customFieldText(
      definition,
      customer?.customFields[definition.key],
      currency,
    );
  }
  return {
    name: customer?.name ?? '',
    kind: customer?.kind ?? 'consumer',
    status: customer?.status ?? 'prospect',
    ownerId: customer?.ownerId ?? '',
    email: customer?.email ?? '',
    phone: customer?.phone ?? '',
    tags: customer?.tags.join(', ') ?? '',
    lifecycleStage: customer?.lifecycleStage ?? '',
    relationshipLevel: customer?.relationshipLevel ?? '',
    industry: customer?.industry ?? '',
    size: customer?.size ?? '',
    birthday: customer?.birthday ?? '',
    customFields,
  };
}

/** Tags from the typed list: commas (also the Chinese ，), trimmed, empty and repeated ones dropped. */
export function tagsOf(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,，]/)
        .map((tag) => tag.trim())
        .filter(Boolean),
    ),
  ];
}

type Converted = { value: string | number | boolean | null } | { problem: DraftProblem };

/** A custom field's typed text as the API's value (money in minor units), or what is wrong with it. */
export function customFieldValueOf(
  definition: CustomFieldDefinition,
  text: string,
  currency: string,
): Converted {
  const trimmed = text.trim();
  if (trimmed === '') return definition.required ? { problem: 'required' } : { value: null };
  switch (definition.type) {
    case 'text':
      return trimmed.length > 2000 ? { problem: 'tooLong' } : { value: trimmed };
    case 'number': {
      const number = Number(trimmed);
      return Number.isFinite(number) ? { value: number } : { problem: 'number' };
    }
    case 'money': {
      const digits = currencyDigits(definition.currency ?? currency);
      if (!new RegExp(`^-?\\d+(\\.\\d{0,${digits}})?$`).test(trimmed)) return { problem: 'money' };
      return { value: Math.round(Number(trimmed) * 10 ** digits) };
    }
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? { value: trimmed } : { problem: 'date' };
    case 'boolean':
      return { value: trimmed === 'true' };
    case 'enum':
      return { value: trimmed };
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9][0-9 ()-]{4,24}$/;

/**
 * The form's own checks, before the API sees anything: what the API would refuse and can be said
 * beside the field at once. The API stays the judge (its field errors show the same way).
 */
export function problemsOf(
  draft: CustomerDraft,
  definitions: readonly CustomFieldDefinition[],
  currency: string,
): Record<string, DraftProblem> {
  const problems: Record<string, DraftProblem> = {};
  if (!draft.name.trim()) problems.name = 'required';
  else if (draft.name.trim().length > 200) problems.name = 'tooLong';
  if (draft.email.trim() && !EMAIL.test(draft.email.trim())) problems.email = 'email';
  if (draft.phone.trim() && !PHONE.test(draft.phone.trim())) problems.phone = 'phone';
  const tags = tagsOf(draft.tags);
  if (tags.length > 30 || tags.some((tag) => tag.length > 40)) problems.tags = 'tags';
  if (draft.birthday && !/^\d{4}-\d{2}-\d{2}$/.test(draft.birthday)) problems.birthday = 'date';
  for (const definition of definitions) {
    if (definition.archived) continue;
    const converted = customFieldValueOf(definition, draft.customFields[definition.key] ?? '', currency);
    if ('problem' in converted) problems[`customFields.${definition.key}`] = converted.problem;
  }
  return problems;
}

function customFieldValues(
  draft: CustomerDraft,
  definitions: readonly CustomFieldDefinition[],
  currency: string,
): Record<string, string | number | boolean | null> {
  const values: Record<string, string | number | boolean | null> = {};
  for (const definition of definitions) {
    if (definition.archived) continue;
    const converted = customFieldValueOf(definition, draft.customFields[definition.key] ?? '', currency);
    if ('value' in converted) values[definition.key] = converted.value;
  }
  return values;
}

const optional = (text: string) => (text.trim() ? text.trim() : undefined);

/** The POST /v1/customers body of a (checked) draft; empty optional fields are left out. */
export function createBodyOf(
  draft: CustomerDraft,
  definitions: readonly CustomFieldDefinition[],
  currency: string,
): CustomerCreate {
  const customFields = Object.fromEntries(
    Object.entries(customFieldValues(draft, definitions, currency)).filter(([, value]) => value !== null),
  );
  const body: CustomerCreate = {
    name: draft.name.trim(),
    kind: draft.kind,
    status: draft.status,
    tags: tagsOf(draft.tags),
    customFields,
  };
  const set = <K extends keyof CustomerCreate>(key: K, value: CustomerCreate[K] | undefined) => {
    if (value !== undefined) body[key] = value;
  };
  set('ownerId', optional(draft.ownerId));
  set('email', optional(draft.email));
  set('phone', optional(draft.phone));
  set('industry', optional(draft.industry));
  set('birthday', optional(draft.birthday));
  set('lifecycleStage', optional(draft.lifecycleStage) as LifecycleStage | undefined);
  set('relationshipLevel', optional(draft.relationshipLevel) as RelationshipLevel | undefined);
  set('size', optional(draft.size) as CustomerCreate['size']);
  return body;
}

/**
 * The PATCH body: only what the user changed against the version they started from (so reapplying
 * after a conflict keeps the other person's changes to other fields); a cleared field is `null`.
 */
export function patchOf(
  draft: CustomerDraft,
  original: CustomerDraft,
  definitions: readonly CustomFieldDefinition[],
  currency: string,
): CustomerPatch {
  const patch: Record<string, unknown> = {};
  const text = [
    'ownerId',
    'email',
    'phone',
    'industry',
    'birthday',
    'lifecycleStage',
    'relationshipLevel',
    'size',
  ] as const;
  if (draft.name.trim() !== original.name.trim()) patch.name = draft.name.trim();
  if (draft.kind !== original.kind) patch.kind = draft.kind;
  if (draft.status !== original.status) patch.status = draft.status;
  for (const key of text) {
    if (draft[key].trim() !== original[key].trim()) patch[key] = optional(draft[key]) ?? null;
  }
  if (tagsOf(draft.tags).join('\u0000') !== tagsOf(original.tags).join('\u0000'))
    patch.tags = tagsOf(draft.tags);
  const now = customFieldValues(draft, definitions, currency);
  const before = customFieldValues(original, definitions, currency);
  const changed = Object.fromEntries(Object.entries(now).filter(([key, value]) => before[key] !== value));
  if (Object.keys(changed).length > 0) patch.customFields = changed;
  return patch as CustomerPatch;
}
