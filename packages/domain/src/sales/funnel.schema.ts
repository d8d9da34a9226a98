import { z } from 'zod';

const Money = z.number().int();

export const FunnelStageSchema = z
  .object({
    stage: z.string(),
    name: z.object({ zh: z.string(), en: z.string() }),
    probability: z.number().int(),
    /** Open deals in the stage now. */
    count: z.number().int(),
    /** Their amounts summed, minor units. */
    amount: Money,
    /** `amount` × the stage’s probability, minor units. */
    weightedAmount: Money,
    /** Open deals in the stage that are rotting now. */
    rotting: z.number().int(),
    /** Deals of the window that reached this stage or a later one (a won deal reached every stage). */
    reached: z.number().int(),
    /** Share of those that went on to the next stage (to won, for the last stage); null when none reached it. */
    conversionToNext: z.number().nullable(),
    /** Mean days a deal of the window spent in the stage, over finished visits; null without one. */
    averageDaysInStage: z.number().nullable(),
  })
  .meta({ id: 'FunnelStage' });
export type FunnelStage = z.infer<typeof FunnelStageSchema>;

export const ForecastMonthSchema = z
  .object({
    /** `YYYY-MM` of the expected close date. */
    month: z.string(),
    count: z.number().int(),
    amount: Money,
    weightedAmount: Money,
  })
  .meta({ id: 'ForecastMonth' });
export type ForecastMonth = z.infer<typeof ForecastMonthSchema>;

const Tally = z.object({ count: z.number().int(), amount: Money });

/** The sales funnel (销售漏斗) of one pipeline: open deals per stage, conversions, value, forecast. */
export const FunnelSchema = z
  .object({
    pipeline: z.string(),
    /** Conversions, time in stage, won and lost count deals created on or after this instant. */
    since: z.string(),
    stages: z.array(FunnelStageSchema),
    open: Tally.extend({ weightedAmount: Money }),
    won: Tally,
    lost: Tally,
    /** Won ÷ (won + lost) of the window; null before the first closed deal. */
    winRate: z.number().nullable(),
    /** Open deals by month of their expected close date, earliest first. */
    forecast: z.array(ForecastMonthSchema),
    /** Open deals without an expected close date (not in `forecast`). */
    undated: Tally,
    /** The currencies the sums mix; amounts are summed as given, so one currency is what makes sense. */
    currencies: z.array(z.string()),
  })
  .meta({ id: 'Funnel' });
export type Funnel = z.infer<typeof FunnelSchema>;

export const LostDealGroupSchema = z
  .object({ key: z.string().nullable(), count: z.number().int(), amount: Money })
  .meta({ id: 'LostDealGroup' });
export type LostDealGroup = z.infer<typeof LostDealGroupSchema>;

/** Deals lost (竞争丢单 analysis), grouped four ways; a null key is “none given” (no competitor, no owner). */
export const LostDealReportSchema = z
  .object({
    since: z.string(),
    total: Tally,
    byReason: z.array(LostDealGroupSchema),
    byCompetitor: z.array(LostDealGroupSchema),
    byStage: z.array(LostDealGroupSchema),
    byOwner: z.array(LostDealGroupSchema),
  })
  .meta({ id: 'LostDealReport' });
export type LostDealReport = z.infer<typeof LostDealReportSchema>;
