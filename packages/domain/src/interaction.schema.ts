import { z } from 'zod';
import { CreditReasonSchema } from './credit/credit-file.schema.js';
import { IdSchema } from './ids.js';
import { MAX_MONEY_AMOUNT } from './money.js';
import { CurrencyCode } from './money.schema.js';

/** The timeline (联络历史, orders, quotes, service: DOMAIN.md §2). */
export const interactionTypes = [
  'note',
  'call',
  'visit',
  'email',
  'meeting',
  'order',
  'payment',
  'invoice',
  'quote',
  'complaint',
  'service',
  'survey',
] as const;
export type InteractionType = (typeof interactionTypes)[number];

export const channels = ['phone', 'email', 'in_person', 'web', 'wechat', 'sms', 'mail', 'other'] as const;

/**
 * Money is integer minor units (分, cents): no floating point ever touches an amount. One amount is
 * bounded by a business maximum, so sums of many stay exact (money.ts).
 */
const MinorUnits = z
  .number()
  .int('must be an integer amount in minor units (e.g. cents)')
  .max(MAX_MONEY_AMOUNT, `must be at most ${MAX_MONEY_AMOUNT} minor units`);
const Instant = z.iso
  .datetime({
    offset: true,
    message: 'must be an ISO-8601 date-time, e.g. 2026-01-02T03:04:05Z',
  })
  .max(40);

const common = {
  occurredAt: Instant,
  channel: z.enum(channels).optional(),
  text: z.string().max(10_000).optional(),
  subject: z.string().trim().max(200).optional(),
  contactId: IdSchema.optional(),
};

const plain = (type: Exclude<InteractionType, 'order' | 'invoice' | 'quote' | 'payment'>) =>
  z.strictObject({ type: z.literal(type), ...common });

const OrderSchema = z.strictObject({
  type: z.literal('order'),
  ...common,
  amount: MinorUnits.nonnegative('must not be negative'),
  currency: CurrencyCode,
  quantity: z.number().int().positive().optional(),
  /** When payment is due, by the customer's credit term (信用期限). */
  dueDate: z.iso.date('must be a date YYYY-MM-DD').max(10).optional(),
  reference: z.string().trim().max(100).optional(),
});

const InvoiceSchema = OrderSchema.extend({ type: z.literal('invoice') });
const QuoteSchema = OrderSchema.extend({
  type: z.literal('quote'),
  validUntil: z.iso.date().max(10).optional(),
});

const PaymentSchema = z.strictObject({
  type: z.literal('payment'),
  ...common,
  amount: MinorUnits.positive('must be positive'),
  currency: CurrencyCode,
  /** The invoice this payment settles. */
  appliesTo: IdSchema.optional(),
  reference: z.string().trim().max(100).optional(),
});

export const InteractionCreateSchema = z
  .discriminatedUnion('type', [
    plain('note'),
    plain('call'),
    plain('visit'),
    plain('email'),
    plain('meeting'),
    OrderSchema,
    PaymentSchema,
    InvoiceSchema,
    QuoteSchema,
    plain('complaint'),
    plain('service'),
    plain('survey'),
  ])
  .meta({ id: 'InteractionCreate' });
export type InteractionCreate = z.infer<typeof InteractionCreateSchema>;

export const OrderCreditHoldSchema = z
  .object({
    reasons: z.array(CreditReasonSchema),
    at: z.string(),
    /** An admin refused the held order from the hold list: it owes nothing any more. */
    rejected: z.object({ at: z.string(), by: z.string(), reason: z.string() }).optional(),
  })
  .meta({ id: 'OrderCreditHold', description: 'Why credit control held this order (订单冻结), and when.' });
export type OrderCreditHold = z.infer<typeof OrderCreditHoldSchema>;

export const InteractionSchema = z
  .object({
    id: z.string(),
    customerId: z.string(),
    type: z.enum(interactionTypes),
    occurredAt: z.string(),
    channel: z.enum(channels).optional(),
    text: z.string().optional(),
    subject: z.string().optional(),
    /** The authenticated user or API key that recorded it: never taken from the request. */
    actorId: z.string().optional(),
    contactId: z.string().optional(),
    amount: z.number().int().optional(),
    currency: z.string().optional(),
    quantity: z.number().int().optional(),
    dueDate: z.string().optional(),
    validUntil: z.string().optional(),
    appliesTo: z.string().optional(),
    reference: z.string().optional(),
    /** Where it came from: `api`, or `import:<importId>`. */
    source: z.string(),
    /** Set on an order that credit control held when it arrived, with the reasons. */
    creditHold: OrderCreditHoldSchema.optional(),
    createdAt: z.string(),
    createdBy: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Interaction' });
export type Interaction = z.infer<typeof InteractionSchema>;

export function isMonetary(type: InteractionType): boolean {
  return type === 'order' || type === 'invoice' || type === 'quote' || type === 'payment';
}

/**
 * Whether the timeline entry belongs to another record (a complaint's or a service request's own
 * entry carries that record's id as its reference and its id): such an entry goes with its record,
 * never on its own, so the timeline cannot lose what the complaint or request still shows.
 */
export function isOwnedTimelineEntry(interaction: Pick<Interaction, 'id' | 'type' | 'reference'>): boolean {
  return (
    (interaction.type === 'complaint' || interaction.type === 'service') &&
    interaction.reference === interaction.id
  );
}
