import { z } from 'zod';
import { CalendarDateSchema, PhoneSchema } from './customer.schema.js';
import { IdSchema } from './ids.js';

/** A person at a B2B customer (联系人) and the part they play in buying. */
export const contactRoles = [
  'decision_maker',
  'influencer',
  'buyer',
  'user',
  'gatekeeper',
  'finance',
  'technical',
  'other',
] as const;

export const contactRelationTypes = ['reports_to', 'works_with', 'influences'] as const;

const ContactRelationSchema = z.strictObject({ type: z.enum(contactRelationTypes), contactId: IdSchema });

export const ContactCreateSchema = z
  .strictObject({
    name: z.string().trim().min(1, 'is required').max(200),
    title: z.string().trim().max(100).optional(),
    roles: z.array(z.enum(contactRoles)).max(8).default([]),
    phone: PhoneSchema.optional(),
    email: z.email('must be a valid e-mail address').max(254).optional(),
    primary: z.boolean().default(false),
    /** Relationships with other contacts of the same customer. */
    relations: z.array(ContactRelationSchema).max(20).default([]),
    notes: z.string().max(2000).optional(),
    /** For the birthday greeting (生日祝福) to the person, not only to the customer. */
    birthday: CalendarDateSchema.optional(),
    /**
     * The person's own consent to marketing e-mail / SMS (营销许可): true given, false refused;
     * absent, the customer's `marketingConsent` stands for them. Campaigns judge each contact by it.
     */
    emailConsent: z.boolean().optional(),
    smsConsent: z.boolean().optional(),
  })
  .meta({ id: 'ContactCreate' });
export type ContactCreate = z.infer<typeof ContactCreateSchema>;

export const ContactSchema = z
  .object({
    id: z.string(),
    customerId: z.string(),
    name: z.string(),
    title: z.string().optional(),
    roles: z.array(z.enum(contactRoles)),
    phone: z.string().optional(),
    email: z.string().optional(),
    primary: z.boolean(),
    relations: z.array(z.object({ type: z.enum(contactRelationTypes), contactId: z.string() })),
    notes: z.string().optional(),
    birthday: z.string().optional(),
    emailConsent: z.boolean().optional(),
    smsConsent: z.boolean().optional(),
    /** When the person unsubscribed their e-mail / number through a campaign's link (consent then false). */
    emailUnsubscribedAt: z.string().optional(),
    smsUnsubscribedAt: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Contact' });
export type Contact = z.infer<typeof ContactSchema>;
