import { z } from 'zod';

/** A stage or pipeline key: what the API and the funnel name it by (`needs_analysis`). */
export const SalesKeySchema = z
  .string()
  .max(40)
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be lower_snake_case, at most 40 characters');

const LocalisedName = z
  .strictObject({
    zh: z.string().trim().min(1, 'must not be empty').max(60),
    en: z.string().trim().min(1, 'must not be empty').max(60),
  })
  .meta({ id: 'LocalisedName' });

/**
 * One step of a sales pipeline (销售机会阶段): its win probability (percent, for the weighted
 * pipeline) and after how many days without activity a deal in it is stale ("rotting").
 */
export const PipelineStageSchema = z
  .strictObject({
    key: SalesKeySchema,
    name: LocalisedName,
    probability: z.number().int().min(0).max(100),
    /** Days without activity after which an open deal in this stage rots; null: never. */
    rottingDays: z.number().int().min(1).max(365).nullable(),
  })
  .meta({ id: 'PipelineStage' });
export type PipelineStage = z.infer<typeof PipelineStageSchema>;

export const PipelineSchema = z
  .strictObject({
    key: SalesKeySchema,
    name: LocalisedName,
    stages: z
      .array(PipelineStageSchema)
      .min(1, 'needs at least one stage')
      .max(20)
      .refine(
        (stages) => new Set(stages.map((stage) => stage.key)).size === stages.length,
        'stage keys must not repeat',
      ),
  })
  .meta({ id: 'Pipeline' });
export type Pipeline = z.infer<typeof PipelineSchema>;

export const leadGrades = ['A', 'B', 'C'] as const;
export const LeadGradeSchema = z.enum(leadGrades).meta({
  id: 'LeadGrade',
  description: '潜在顾客等级: A hot, B warm, C cold, by the tenant’s rules',
});
export type LeadGrade = z.infer<typeof LeadGradeSchema>;

export const leadFacts = ['email', 'phone', 'company'] as const;

/**
 * One grading rule: a lead gets `grade` when its source is one of `sources` (any, when absent)
 * and it has every fact in `requires`. Rules are tried in order; the first that matches wins.
 */
export const LeadGradeRuleSchema = z
  .strictObject({
    grade: LeadGradeSchema,
    sources: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
    requires: z.array(z.enum(leadFacts)).max(3).default([]),
  })
  .meta({ id: 'LeadGradeRule' });
export type LeadGradeRule = z.output<typeof LeadGradeRuleSchema>;

export const LeadGradingSchema = z
  .strictObject({
    rules: z.array(LeadGradeRuleSchema).max(50),
    /** The grade of a lead no rule matches. */
    otherwise: LeadGradeSchema,
  })
  .meta({ id: 'LeadGrading' });
export type LeadGrading = z.output<typeof LeadGradingSchema>;

/**
 * The tenant's sales setup: its pipelines (the first is the default the funnel counts) and its
 * lead-grading rules; one versioned record.
 */
export const SalesSetupSchema = z
  .strictObject({
    pipelines: z
      .array(PipelineSchema)
      .min(1, 'needs at least one pipeline')
      .max(10)
      .refine(
        (pipelines) => new Set(pipelines.map((pipeline) => pipeline.key)).size === pipelines.length,
        'pipeline keys must not repeat',
      ),
    leadGrading: LeadGradingSchema,
  })
  .meta({ id: 'SalesSetup' });
export type SalesSetup = z.output<typeof SalesSetupSchema>;

const stage = (key: string, zh: string, en: string, probability: number, rottingDays: number) => ({
  key,
  name: { zh, en },
  probability,
  rottingDays,
});

/** What a tenant starts with: Pipedrive's classic four stages, and grades on what the lead told us. */
export const defaultSalesSetup: SalesSetup = {
  pipelines: [
    {
      key: 'default',
      name: { zh: '销售漏斗', en: 'Sales pipeline' },
      stages: [
        stage('qualify', '资格确认', 'Qualify', 10, 14),
        stage('needs_analysis', '需求分析', 'Needs analysis', 25, 14),
        stage('proposal', '方案报价', 'Proposal', 50, 10),
        stage('negotiation', '谈判', 'Negotiation', 75, 7),
      ],
    },
  ],
  leadGrading: {
    rules: [
      { grade: 'A', requires: ['company', 'phone', 'email'] },
      { grade: 'B', requires: ['phone'] },
      { grade: 'B', requires: ['company'] },
    ],
    otherwise: 'C',
  },
};

/** The pipeline the funnel counts and new deals enter by default: the first. */
export function defaultPipeline(setup: SalesSetup): Pipeline {
  return setup.pipelines[0] as Pipeline;
}

export function findPipeline(setup: SalesSetup, key: string | undefined): Pipeline | undefined {
  return key === undefined
    ? defaultPipeline(setup)
    : setup.pipelines.find((pipeline) => pipeline.key === key);
}
