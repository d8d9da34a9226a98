import { z } from 'zod';

/** Admin-defined customer fields (数据字段定制). */
export const customFieldTypes = ['text', 'number', 'date', 'enum', 'boolean', 'money'] as const;
export type CustomFieldType = (typeof customFieldTypes)[number];

/** The smallest magnitude DynamoDB stores (its numbers span 1e-130 … 9.99e125). */
const SMALLEST_NUMBER = 1e-130;

/**
 * A `number` custom field's value: a safe integer's range (beyond it a JSON number does not
 * round-trip, and the table client refuses it), and 0 or no smaller in magnitude than 1e-130.
 */
export const CustomFieldNumberSchema = z
  .number()
  .min(-Number.MAX_SAFE_INTEGER, 'must be at least -(2^53 - 1) = -9007199254740991')
  .max(Number.MAX_SAFE_INTEGER, 'must be at most 2^53 - 1 = 9007199254740991')
  .refine((value) => value === 0 || Math.abs(value) >= SMALLEST_NUMBER, {
    message: 'must be 0 or at least 1e-130 in magnitude',
  })
  .meta({
    description:
      'A number from -(2^53 - 1) to 2^53 - 1; 0 or at least 1e-130 in magnitude (smaller ones cannot be stored).',
  });

export const CustomFieldKeySchema = z
  .string()
  .max(40, 'must be at most 40 characters')
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be lower_snake_case, start with a letter, at most 40 characters');

const LabelSchema = z.strictObject({
  en: z.string().trim().min(1).max(80),
  zh: z.string().trim().min(1).max(80).optional(),
});

export const CustomFieldDefinitionCreateSchema = z
  .strictObject({
    key: CustomFieldKeySchema,
    label: LabelSchema,
    type: z.enum(customFieldTypes),
    required: z.boolean().default(false),
    unique: z.boolean().default(false),
    /** For `enum`: the allowed values. */
    options: z.array(z.string().trim().min(1).max(80)).min(1).max(200).optional(),
    /** For `money`: the ISO-4217 currency of the amount (minor units). */
    currency: z
      .string()
      .max(3)
      .regex(/^[A-Z]{3}$/)
      .optional(),
  })
  .superRefine((definition, context) => {
    if (definition.type === 'enum' && !definition.options) {
      context.addIssue({ code: 'custom', path: ['options'], message: 'is required for an enum field' });
    }
    if (definition.type !== 'enum' && definition.options) {
      context.addIssue({ code: 'custom', path: ['options'], message: 'is only for enum fields' });
    }
    if (definition.unique && (definition.type === 'boolean' || definition.type === 'enum')) {
      context.addIssue({
        code: 'custom',
        path: ['unique'],
        message: `a ${definition.type} field cannot be unique`,
      });
    }
  })
  .meta({ id: 'CustomFieldDefinitionCreate' });
export type CustomFieldDefinitionCreate = z.infer<typeof CustomFieldDefinitionCreateSchema>;

/**
 * What may change on an existing field. The key and type never change: values already stored
 * keep meaning what they meant (create a new field instead).
 */
export const CustomFieldDefinitionPatchSchema = z
  .strictObject({
    label: LabelSchema.optional(),
    required: z.boolean().optional(),
    options: z.array(z.string().trim().min(1).max(80)).min(1).max(200).optional(),
    archived: z.boolean().optional(),
    version: z.number().int().positive().optional(),
  })
  .meta({ id: 'CustomFieldDefinitionPatch' });

export const CustomFieldDefinitionSchema = z
  .object({
    key: z.string(),
    label: z.object({ en: z.string(), zh: z.string().optional() }),
    type: z.enum(customFieldTypes),
    required: z.boolean(),
    unique: z.boolean(),
    options: z.array(z.string()).optional(),
    currency: z.string().optional(),
    archived: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'CustomFieldDefinition' });
export type CustomFieldDefinition = z.infer<typeof CustomFieldDefinitionSchema>;

/** The schema one value of this field must satisfy (what the API takes as JSON). */
export function customFieldValueSchema(definition: CustomFieldDefinition): z.ZodType {
  switch (definition.type) {
    case 'text':
      return z.string().max(2000);
    case 'number':
      return CustomFieldNumberSchema;
    case 'date':
      return z.iso.date('must be a date YYYY-MM-DD');
    case 'enum':
      return z.enum((definition.options ?? []) as [string, ...string[]]);
    case 'boolean':
      return z.boolean();
    case 'money':
      return z.number().int('must be an integer amount in minor units');
  }
}

/**
 * The zod schema for a customer's custom-field values under the tenant's current definitions.
 * `mode: 'create'` enforces required fields; `'patch'` checks only the keys sent (null clears a
 * field unless it is required). Archived definitions accept no new values; unknown keys are refused.
 */
export function customFieldValuesSchema(
  definitions: readonly CustomFieldDefinition[],
  mode: 'create' | 'patch',
) {
  const shape: Record<string, z.ZodType> = {};
  for (const definition of definitions) {
    if (definition.archived) continue;
    const value = customFieldValueSchema(definition);
    const required = definition.required;
    shape[definition.key] =
      mode === 'create'
        ? required
          ? value
          : value.nullable().optional()
        : required
          ? value.optional()
          : value.nullable().optional();
  }
  return z.strictObject(shape);
}
