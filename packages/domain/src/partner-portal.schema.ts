import { z } from 'zod';
import type { Interaction } from './interaction.schema.js';
import { OpportunityViewSchema } from './sales/opportunity.schema.js';
import { PipelineSchema, PipelineStageSchema } from './sales/pipeline.schema.js';
import { ServiceRequestViewSchema } from './service/service-request.schema.js';
import { shareAccesses, shareableFields } from './share.schema.js';

/** Orders of one currency in the period: how many, and their sum in minor units. */
export const PartnerOrderFiguresSchema = z
  .object({
    currency: z.string(),
    count: z.number().int(),
    amount: z.number().int(),
    /** Of those, the orders this partner user recorded itself. */
    recordedByYou: z.number().int(),
  })
  .meta({ id: 'PartnerOrderFigures' });
export type PartnerOrderFigures = z.infer<typeof PartnerOrderFiguresSchema>;

export const PartnerSalesFiguresSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    /** The customers shared with the partner whose orders count. */
    customers: z.number().int(),
    orders: z.array(PartnerOrderFiguresSchema),
  })
  .meta({ id: 'PartnerSalesFigures' });
export type PartnerSalesFigures = z.infer<typeof PartnerSalesFiguresSchema>;

/** One customer on the partner's list: what the share shows, and how it is shared. */
export const PartnerCustomerSchema = z
  .object({
    customer: z.object({ id: z.string(), name: z.string() }).catchall(z.unknown()),
    fields: z.array(z.enum(shareableFields)),
    access: z.enum(shareAccesses),
    canAddInteractions: z.boolean(),
    /** Shared through the partner's organisation (its id), or with the user alone (null). */
    organisationId: z.string().nullable(),
  })
  .meta({ id: 'PartnerCustomer' });
export type PartnerCustomer = z.infer<typeof PartnerCustomerSchema>;

/**
 * A pipeline's stages by name in both languages, so the portal can name a deal's stage: a partner
 * may not read the sales setup itself (probabilities, rotting days, lead grading).
 */
export const PartnerPortalPipelineSchema = PipelineSchema.pick({ key: true, name: true })
  .extend({ stages: z.array(PipelineStageSchema.pick({ key: true, name: true })) })
  .meta({ id: 'PartnerPortalPipeline' });
export type PartnerPortalPipeline = z.infer<typeof PartnerPortalPipelineSchema>;

/** A partner user's landing view (经销商门户): its customers, service, deals and sales figures. */
export const PartnerPortalSchema = z
  .object({
    organisation: z
      .object({ id: z.string(), name: z.string(), status: z.string(), isAdmin: z.boolean() })
      .nullable(),
    customers: z.array(PartnerCustomerSchema),
    serviceRequests: z.array(ServiceRequestViewSchema),
    /** Deals on the shared customers, read-only. */
    opportunities: z.array(OpportunityViewSchema),
    /** The tenant's pipelines, to name the stage of each deal above. */
    pipelines: z.array(PartnerPortalPipelineSchema),
    figures: PartnerSalesFiguresSchema,
  })
  .meta({ id: 'PartnerPortal' });
export type PartnerPortal = z.infer<typeof PartnerPortalSchema>;

/**
 * Count and value of the orders in [from, to) per currency; an order credit control rejected is
 * no sale. `actorId` marks the partner's own.
 *
 * @example
 * partnerOrderFigures(orders, { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z', actorId: 'u1' })
 * // [{ currency: 'CNY', count: 2, amount: 3000, recordedByYou: 1 }]
 */
export function partnerOrderFigures(
  interactions: readonly Pick<
    Interaction,
    'type' | 'occurredAt' | 'amount' | 'currency' | 'actorId' | 'creditHold'
  >[],
  window: { from: string; to: string; actorId: string },
): PartnerOrderFigures[] {
  const from = Date.parse(window.from);
  const to = Date.parse(window.to);
  const byCurrency = new Map<string, PartnerOrderFigures>();
  for (const interaction of interactions) {
    if (interaction.type !== 'order' || !interaction.currency || interaction.creditHold?.rejected) continue;
    const at = Date.parse(interaction.occurredAt);
    if (!(at >= from && at < to)) continue;
    const figures = byCurrency.get(interaction.currency) ?? {
      currency: interaction.currency,
      count: 0,
      amount: 0,
      recordedByYou: 0,
    };
    figures.count += 1;
    figures.amount += interaction.amount ?? 0;
    if (interaction.actorId === window.actorId) figures.recordedByYou += 1;
    byCurrency.set(interaction.currency, figures);
  }
  return [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}
