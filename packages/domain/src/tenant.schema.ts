import { z } from 'zod';

export const locales = ['zh-CN', 'en'] as const;
export const LocaleSchema = z.enum(locales).meta({ id: 'Locale', description: 'UI language / 界面语言' });
export type Locale = z.infer<typeof LocaleSchema>;

export const TenantSettingsSchema = z
  .strictObject({
    locale: LocaleSchema,
    /** ISO-4217 code used when an amount arrives without one. */
    defaultCurrency: z
      .string()
      .max(3)
      .regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO-4217 code'),
    timezone: z.string().min(1).max(64),
  })
  .meta({ id: 'TenantSettings' });
export type TenantSettings = z.infer<typeof TenantSettingsSchema>;

export const TenantSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    settings: TenantSettingsSchema,
    /** Only on the demo tenant: where its data came from and how far its dates were moved. */
    demo: z.object({ source: z.string(), dateShiftDays: z.number().int() }).optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Tenant', description: 'A business using the CRM (租户)' });
export type Tenant = z.infer<typeof TenantSchema>;

export const TenantNameSchema = z.string().trim().min(1, 'is required').max(120);

export const TenantSettingsPatchSchema = z
  .strictObject({
    name: TenantNameSchema.optional(),
    settings: TenantSettingsSchema.partial().optional(),
    version: z.number().int().positive().optional(),
  })
  .meta({ id: 'TenantPatch' });
