import { z } from 'zod';
import { PhoneSchema } from '../customer.schema.js';
import { IdSchema } from '../ids.js';
import { LeadGradeSchema } from './pipeline.schema.js';

export const leadStatuses = ['open', 'converted', 'disqualified'] as const;
export const LeadStatusSchema = z.enum(leadStatuses).meta({ id: 'LeadStatus' });
export type LeadStatus = z.infer<typeof LeadStatusSchema>;

const Text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

const leadFields = {
  name: Text(200),
  email: z.email('must be a valid e-mail address').max(254),
  phone: PhoneSchema,
  company: Text(200),
  /** Where the lead came from: a fair, the web form, a referral, a campaign (free text, for reports). */
  source: Text(100),
  ownerId: IdSchema,
  notes: z.string().trim().max(5000),
};

/** A new lead (销售线索): a name and where it came from; the rest when known. */
export const LeadCreateSchema = z
  .strictObject({
    name: leadFields.name,
    source: leadFields.source,
    email: leadFields.email.optional(),
    phone: leadFields.phone.optional(),
    company: leadFields.company.optional(),
    /** Defaults to the user creating the lead. */
    ownerId: leadFields.ownerId.optional(),
    notes: leadFields.notes.optional(),
    /** Sets the grade by hand; without it the tenant’s rules grade the lead. */
    grade: LeadGradeSchema.optional(),
  })
  .meta({ id: 'LeadCreate' });
export type LeadCreate = z.infer<typeof LeadCreateSchema>;

/** A change of an open lead; `null` clears an optional field, `grade: null` hands grading back to the rules. */
export const LeadPatchSchema = z
  .strictObject({
    name: leadFields.name.optional(),
    source: leadFields.source.optional(),
    email: leadFields.email.nullable().optional(),
    phone: leadFields.phone.nullable().optional(),
    company: leadFields.company.nullable().optional(),
    ownerId: leadFields.ownerId.nullable().optional(),
    notes: leadFields.notes.nullable().optional(),
    grade: LeadGradeSchema.nullable().optional(),
    /** `disqualified` drops the lead, `open` takes it back; converting is `POST /v1/leads/{id}/convert`. */
    status: z.enum(['open', 'disqualified']).optional(),
    version: z.number().int().min(1).max(1e9).optional(),
  })
  .meta({ id: 'LeadPatch' });
export type LeadPatch = z.infer<typeof LeadPatchSchema>;

export const LeadSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    source: z.string(),
    email: z.string().optional(),
    phone: z.string().optional(),
    company: z.string().optional(),
    ownerId: z.string().nullable(),
    notes: z.string().optional(),
    grade: LeadGradeSchema,
    /** `rules`: the tenant’s grading rules set it (and re-grade on changes); `manual`: a person did. */
    gradedBy: z.enum(['rules', 'manual']),
    status: LeadStatusSchema,
    /** Set by the conversion: the customer it became (or was linked to) and the deal opened. */
    customerId: z.string().optional(),
    opportunityId: z.string().optional(),
    convertedAt: z.string().optional(),
    convertedBy: z.string().optional(),
    createdAt: z.string(),
    createdBy: z.string(),
    updatedAt: z.string(),
    updatedBy: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Lead' });
export type Lead = z.infer<typeof LeadSchema>;

/** A customer that may be the same party as a lead, and why we think so. */
export const PossibleDuplicateSchema = z
  .object({
    customerId: z.string(),
    name: z.string(),
    email: z.string().optional(),
    phone: z.string().optional(),
    matchedOn: z.array(z.enum(['email', 'phone'])),
  })
  .meta({ id: 'PossibleDuplicate' });
export type PossibleDuplicate = z.infer<typeof PossibleDuplicateSchema>;

/** A lead as the API answers it: with the customers it may duplicate (on create and on read). */
export const LeadViewSchema = LeadSchema.extend({
  possibleDuplicates: z.array(PossibleDuplicateSchema),
}).meta({ id: 'LeadView' });
export type LeadView = z.infer<typeof LeadViewSchema>;
