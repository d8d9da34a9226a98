import { type CustomFieldDefinition, customFieldValuesSchema, DomainError } from '@crm/domain';
import type { UniqueFieldValue } from '@crm/dynamodb';
import { fieldIssuesOf } from '../field-issues.js';

/**
 * Checks custom-field values against the tenant's current definitions and returns the values
 * to store (nulls dropped). Errors name the field as `customFields.<key>`.
 */
export function validateCustomFields(
  definitions: readonly CustomFieldDefinition[],
  values: Record<string, unknown>,
  mode: 'create' | 'patch',
): Record<string, unknown> {
  const result = customFieldValuesSchema(definitions, mode).safeParse(values);
  if (!result.success) {
    const fields = fieldIssuesOf(result.error).map((issue) => ({
      ...issue,
      path: issue.path === '(root)' ? 'customFields' : `customFields.${issue.path}`,
    }));
    throw new DomainError(
      'validation_failed',
      `Invalid custom fields: ${fields.map((f) => `${f.path} ${f.message}`).join('; ')}`,
      {
        fields,
      },
    );
  }
  return result.data as Record<string, unknown>;
}

/** Merges a patch into stored values: null removes, a value replaces, absent keeps. */
export function mergeCustomFields(
  stored: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...stored };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || value === undefined) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

export function uniqueValuesOf(
  definitions: readonly CustomFieldDefinition[],
  values: Record<string, unknown>,
): UniqueFieldValue[] {
  return definitions
    .filter(
      (definition) =>
        definition.unique && values[definition.key] !== undefined && values[definition.key] !== null,
    )
    .map((definition) => ({ key: definition.key, value: String(values[definition.key]) }));
}
