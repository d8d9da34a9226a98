import { z } from 'zod';

const Rate = z.number().nullable();
const Count = z.number().int();
const Money = z.number().int();
const Day = z.string().meta({ description: 'A UTC calendar day, YYYY-MM-DD' });

/** The longest span one request may measure: three years and a leap day. */
export const MAX_KPI_SPAN_DAYS = 1096;
/** The span measured when the request names none: the last 90 days up to today. */
export const DEFAULT_KPI_SPAN_DAYS = 90;

const KpiDay = z.iso.date('must be a date YYYY-MM-DD').max(10);

/** `GET /v1/kpis?from=&to=`: both days inclusive (UTC); either may be left out. */
export const KpiQuerySchema = z
  .strictObject({ from: KpiDay.optional(), to: KpiDay.optional() })
  .superRefine((query, context) => {
    if (query.from === undefined || query.to === undefined) return;
    const days = (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000 + 1;
    if (days < 1) context.addIssue({ code: 'custom', path: ['from'], message: 'must be on or before to' });
    else if (days > MAX_KPI_SPAN_DAYS) {
      context.addIssue({
        code: 'custom',
        path: ['to'],
        message: `the span may be at most ${MAX_KPI_SPAN_DAYS} days`,
      });
    }
  })
  .meta({ id: 'KpiQuery' });
export type KpiQuery = z.infer<typeof KpiQuerySchema>;

/** The span measured and the one before it, of equal length, that retention compares with. */
export const KpiPeriodSchema = z
  .object({
    from: Day,
    to: Day,
    days: Count,
    previousFrom: Day,
    previousTo: Day,
  })
  .meta({ id: 'KpiPeriod' });
export type KpiPeriod = z.infer<typeof KpiPeriodSchema>;

export const RetentionKpiSchema = z
  .object({
    /** Customers who bought in the previous period (as their first and last order instants tell). */
    previousBuyers: Count,
    /** Of those, the ones whose latest order falls on or after this period's start. */
    retained: Count,
    /** retained ÷ previousBuyers; null when the previous period had no buyer. */
    rate: Rate,
    /**
     * Of previousBuyers, those counted without certainty: more than two orders, the first before
     * the previous period and the last after it (a middle order may or may not fall in it).
     */
    previousBuyersUncertain: Count,
    /**
     * Of retained, those counted without certainty (more than two orders and the order instants
     * straddling a period): the exact count lies in [retained − retainedUncertain, retained].
     */
    retainedUncertain: Count,
  })
  .meta({ id: 'RetentionKpi' });
export type RetentionKpi = z.infer<typeof RetentionKpiSchema>;

export const AcquisitionKpiSchema = z
  .object({
    /** Customers whose first order falls in the period. */
    newBuyers: Count,
    /** Customers created (recorded or imported) in the period. */
    newCustomers: Count,
    /** Customers who had ordered before the period began. */
    buyersAtStart: Count,
    /** newBuyers ÷ buyersAtStart: how much the buyer base grew; null without a buyer at the start. */
    rate: Rate,
  })
  .meta({ id: 'AcquisitionKpi' });
export type AcquisitionKpi = z.infer<typeof AcquisitionKpiSchema>;

export const ActivityKpiSchema = z
  .object({
    /** The instant the states are read at: the period's end, or now for a period ending today. */
    asOf: z.string(),
    /** Live customers with at least one order (the ones a churn state applies to). */
    buyers: Count,
    active: Count,
    atRisk: Count,
    dormant: Count,
    lost: Count,
    /** active ÷ buyers. */
    activeShare: Rate,
    /** (dormant + lost) ÷ buyers. */
    dormantShare: Rate,
    /** Whether P(alive) took part: only for a period ending today (it is not kept per day). */
    pAliveUsed: z.boolean(),
    /** Buyers whose last order before the period's end was estimated (more than two orders, one after the end). */
    estimatedLastOrders: Count,
    /** What "active" means here, for the reader of the figure. */
    definition: z.string(),
  })
  .meta({ id: 'ActivityKpi' });
export type ActivityKpi = z.infer<typeof ActivityKpiSchema>;

const Csat = z.object({ count: Count, satisfied: Count, csat: Rate });
const Nps = z.object({ count: Count, promoters: Count, passives: Count, detractors: Count, nps: Rate });

export const SatisfactionMonthSchema = z
  .object({
    /** YYYY-MM (UTC) of the answers. */
    month: z.string(),
    answers: Count,
    csat: Csat,
    nps: Nps,
  })
  .meta({ id: 'SatisfactionMonth' });
export type SatisfactionMonth = z.infer<typeof SatisfactionMonthSchema>;

export const SatisfactionKpiSchema = z
  .object({
    /** Survey answers in the period, all surveys together. */
    answers: Count,
    csat: Csat,
    nps: Nps,
    /** One entry per month of the period, oldest first (months without answers hold zeros and nulls). */
    months: z.array(SatisfactionMonthSchema),
  })
  .meta({ id: 'SatisfactionKpi' });
export type SatisfactionKpi = z.infer<typeof SatisfactionKpiSchema>;

export const ComplaintResolutionKpiSchema = z
  .object({
    /** Complaints recorded in the period. */
    received: Count,
    /** Complaints closed (resolved or rejected) in the period, whenever recorded. */
    closed: Count,
    /** Hours from recording to closing over the closed ones; null when none closed. */
    medianHours: Rate,
    p90Hours: Rate,
    /** Complaints open now. */
    openNow: Count,
  })
  .meta({ id: 'ComplaintResolutionKpi' });
export type ComplaintResolutionKpi = z.infer<typeof ComplaintResolutionKpiSchema>;

export const FunnelKpiSchema = z
  .object({
    leadsCreated: Count,
    /** Of the leads created in the period, those converted since (whenever). */
    leadsConverted: Count,
    leadConversionRate: Rate,
    /** Deals closed in the period. */
    won: Count,
    lost: Count,
    /** won ÷ (won + lost); null without a closed deal. */
    winRate: Rate,
    /** Amounts of the won deals, minor units, as given (currencies are not converted). */
    wonAmount: Money,
    /** Mean days from a won deal's creation to its win; null without a won deal. */
    meanDaysToWin: Rate,
  })
  .meta({ id: 'FunnelKpi' });
export type FunnelKpi = z.infer<typeof FunnelKpiSchema>;

const GroupConversion = z.object({ customers: Count, converted: Count, rate: Rate });

export const CampaignKpiSchema = z
  .object({
    campaignId: z.string(),
    name: z.string(),
    channel: z.string(),
    sentAt: z.string(),
    sent: Count,
    holdout: Count,
    contacted: GroupConversion,
    holdoutGroup: GroupConversion,
    /** The contacted group's conversion rate minus the hold-out group's (campaign results). */
    uplift: Rate,
    /** Conversions may still come: the window after the send is not over. */
    windowOpen: z.boolean(),
    capped: z.boolean(),
  })
  .meta({ id: 'CampaignKpi' });
export type CampaignKpi = z.infer<typeof CampaignKpiSchema>;

export const CampaignsKpiSchema = z
  .object({
    /** Campaigns whose send finished in the period. */
    campaigns: Count,
    recipients: Count,
    /** Converted ÷ contacted over those campaigns together; null without a contacted customer. */
    conversionRate: Rate,
    items: z.array(CampaignKpiSchema),
    /** More campaigns were sent in the period than `items` lists (the newest are listed). */
    capped: z.boolean(),
  })
  .meta({ id: 'CampaignsKpi' });
export type CampaignsKpi = z.infer<typeof CampaignsKpiSchema>;

const CurrencyTally = z.object({ currency: z.string(), count: Count, amount: Money });

export const PartnerKpiSchema = z
  .object({
    organisationId: z.string(),
    name: z.string(),
    /** Customers shared with the organisation now (its own shares, live or expired alike). */
    sharedCustomers: Count,
    /** Orders on those customers in the period, per currency. */
    orders: z.array(CurrencyTally),
    /** Deals on those customers won in the period. */
    opportunitiesWon: Count,
    wonAmount: Money,
    /** Only the first shared customers were read (a dealer's book, not HQ's). */
    capped: z.boolean(),
  })
  .meta({ id: 'PartnerKpi' });
export type PartnerKpi = z.infer<typeof PartnerKpiSchema>;

/** `GET /v1/kpis`: the CRM measured over a period (评估, DOMAIN.md §12); docs/kpis.md says what each figure means. */
export const KpisSchema = z
  .object({
    period: KpiPeriodSchema,
    generatedAt: z.string(),
    retention: RetentionKpiSchema,
    acquisition: AcquisitionKpiSchema,
    activity: ActivityKpiSchema,
    satisfaction: SatisfactionKpiSchema,
    complaints: ComplaintResolutionKpiSchema,
    funnel: FunnelKpiSchema,
    campaigns: CampaignsKpiSchema,
    partners: z.array(PartnerKpiSchema),
    /** Live customers read for retention, acquisition and activity. */
    customersRead: Count,
    /** The book is larger than one request reads: those three figures cover its oldest part only. */
    customersCapped: z.boolean(),
    /**
     * When the customers behind retention, acquisition and activity were read: the tenant's
     * customer figures snapshot (refreshed nightly, at most ~26 h old), or now when just taken.
     */
    asOf: z.string(),
  })
  .meta({ id: 'Kpis' });
export type Kpis = z.infer<typeof KpisSchema>;
