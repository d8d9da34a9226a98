import { z } from 'zod';
import { CalendarDateSchema } from '../customer.schema.js';
import { OrderCreditHoldSchema } from '../interaction.schema.js';
import { CurrencyCode, NonNegativeMinorAmount } from '../money.schema.js';

export const quoteStatuses = ['draft', 'sent', 'accepted', 'rejected', 'expired'] as const;
export const QuoteStatusSchema = z.enum(quoteStatuses).meta({ id: 'QuoteStatus' });
export type QuoteStatus = z.infer<typeof QuoteStatusSchema>;

const Text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
/**
 * A percentage with at most two decimals (12.5 = 12.5 %): kept as given, and turned into basis
 * points (1250) before any arithmetic, so no binary fraction ever touches money.
 */
const Percent = z
  .number()
  .min(0)
  .max(100)
  .refine((value) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-9, 'at most two decimals');

/** A discount: a share of the amount it applies to, or a fixed amount off it. */
const Discount = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('percent'), value: Percent }),
  z.strictObject({ kind: z.literal('amount'), value: NonNegativeMinorAmount }),
]);
export const QuoteDiscountSchema = Discount.meta({ id: 'QuoteDiscount' });
export type QuoteDiscount = z.infer<typeof QuoteDiscountSchema>;

export const QuoteLineSchema = z
  .strictObject({
    description: Text(500),
    quantity: z.number().int('must be a whole number').min(1).max(1_000_000),
    /** Price of one unit, in minor units. */
    unitPrice: NonNegativeMinorAmount,
    discount: QuoteDiscountSchema.optional(),
  })
  .meta({ id: 'QuoteLine' });
export type QuoteLine = z.infer<typeof QuoteLineSchema>;

/** A tax charged on the quote's net (after every discount), e.g. VAT 13 %. */
export const QuoteTaxSchema = z.strictObject({ name: Text(50), rate: Percent }).meta({ id: 'QuoteTax' });
export type QuoteTax = z.infer<typeof QuoteTaxSchema>;

const Lines = z.array(QuoteLineSchema).min(1, 'needs at least one line').max(100);
const Taxes = z.array(QuoteTaxSchema).max(5);

export const QuoteCreateSchema = z
  .strictObject({
    lines: Lines,
    /** Off the sum of the lines after their own discounts. */
    discount: QuoteDiscountSchema.optional(),
    taxes: Taxes.optional(),
    /** The opportunity's currency when absent. */
    currency: CurrencyCode.optional(),
    /** The last day the offer stands; 30 days from today when absent. */
    validUntil: CalendarDateSchema.optional(),
    note: z.string().trim().max(2000).optional(),
  })
  .meta({ id: 'QuoteCreate' });
export type QuoteCreate = z.infer<typeof QuoteCreateSchema>;

/** What the totals are computed from: a draft's figures, for a preview while it is being typed. */
export const QuoteFiguresSchema = QuoteCreateSchema.pick({ lines: true, discount: true, taxes: true }).meta({
  id: 'QuoteFigures',
});
export type QuoteFigures = z.infer<typeof QuoteFiguresSchema>;

export const QuotePatchSchema = z
  .strictObject({
    lines: Lines.optional(),
    // Inline for the same reason as the stored quote's: the document then says `null` clears it.
    discount: Discount.nullable().optional(),
    taxes: Taxes.optional(),
    currency: CurrencyCode.optional(),
    validUntil: CalendarDateSchema.optional(),
    note: z.string().trim().max(2000).nullable().optional(),
    version: z.number().int().min(1).max(1e9).optional(),
  })
  .meta({ id: 'QuotePatch' });
export type QuotePatch = z.infer<typeof QuotePatchSchema>;

export const QuoteRejectSchema = z
  .strictObject({
    reason: z.string().trim().max(2000).optional(),
    version: z.number().int().min(1).max(1e9).optional(),
  })
  .meta({ id: 'QuoteReject' });
export type QuoteReject = z.infer<typeof QuoteRejectSchema>;

/** Send and accept take nothing but, optionally, the version read. */
export const QuoteTransitionSchema = z
  .strictObject({ version: z.number().int().min(1).max(1e9).optional() })
  .meta({ id: 'QuoteTransition' });
export type QuoteTransition = z.infer<typeof QuoteTransitionSchema>;

export const QuoteLineTotalsSchema = z
  .object({ gross: z.number().int(), discount: z.number().int(), net: z.number().int() })
  .meta({ id: 'QuoteLineTotals' });

export const QuoteTotalsSchema = z
  .object({
    /** Per line, in the lines' order: quantity × unit price, its discount, and what remains. */
    lines: z.array(QuoteLineTotalsSchema),
    /** The sum of the lines' nets. */
    subtotal: z.number().int(),
    /** The quote-level discount off the subtotal. */
    discount: z.number().int(),
    /** What the taxes are charged on: subtotal − discount. */
    net: z.number().int(),
    taxes: z.array(z.object({ name: z.string(), rate: z.number(), amount: z.number().int() })),
    tax: z.number().int(),
    total: z.number().int(),
  })
  .meta({ id: 'QuoteTotals' });
export type QuoteTotals = z.infer<typeof QuoteTotalsSchema>;

export const QuoteSchema = z
  .object({
    id: z.string(),
    opportunityId: z.string(),
    customerId: z.string(),
    lines: z.array(QuoteLineSchema),
    // Inline, not the `QuoteDiscount` component: a nullable reference would make the request's discount nullable too in the document.
    discount: Discount.nullable(),
    taxes: z.array(QuoteTaxSchema),
    currency: z.string(),
    validUntil: z.string(),
    note: z.string().nullable(),
    totals: QuoteTotalsSchema,
    /** As stored: a sent quote past its validity reads as `expired` (QuoteView). */
    status: z.enum(quoteStatuses),
    sentAt: z.string().nullable(),
    sentBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decidedBy: z.string().nullable(),
    rejectReason: z.string().nullable(),
    /** The order interaction the acceptance recorded on the customer's timeline. */
    order: z.object({ id: z.string(), occurredAt: z.string() }).nullable(),
    createdAt: z.string(),
    createdBy: z.string(),
    updatedAt: z.string(),
    updatedBy: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Quote' });
export type Quote = z.infer<typeof QuoteSchema>;

/** A quote as the API answers it: its status as of today, and its order's credit state. */
export const QuoteViewSchema = QuoteSchema.extend({
  /** Whether credit control held the order the acceptance recorded (订单冻结). */
  onCreditHold: z.boolean(),
  creditHold: OrderCreditHoldSchema.nullable(),
}).meta({ id: 'QuoteView' });
export type QuoteView = z.infer<typeof QuoteViewSchema>;
