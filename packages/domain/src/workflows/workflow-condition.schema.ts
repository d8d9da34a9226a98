import { z } from 'zod';

/**
 * Where a comparison looks in the triggering event: `data.<field>` (the entity after the change,
 * nested with dots, e.g. `data.scores.abcClass`) or `previous.<field>` (the value before an update).
 */
export const ConditionPathSchema = z
  .string()
  .max(120)
  .regex(
    /^(data|previous)(\.[A-Za-z_][A-Za-z0-9_]{0,63}){1,4}$/,
    'must be data.<field> or previous.<field> (dots for nested fields, e.g. data.scores.abcClass)',
  )
  .describe('data.<field> (after the change) or previous.<field> (before it), dots for nesting');

const ScalarSchema = z.union([z.string().max(200), z.number(), z.boolean(), z.null()]);
export type ConditionScalar = z.infer<typeof ScalarSchema>;

/** The comparisons; `changed*` hold on updates only (the event names the field in `changedFields`). */
export const comparisonOps = [
  'eq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'contains',
  'exists',
  'changed',
  'changed_from',
  'changed_to',
] as const;
export type ComparisonOp = (typeof comparisonOps)[number];

const compare = <Op extends ComparisonOp, V extends z.ZodType>(op: Op, value: V) =>
  z.strictObject({ op: z.literal(op), path: ConditionPathSchema, value });

/** One comparison on a path of the event: data, not code, evaluated by `evaluateCondition`. */
export const ComparisonSchema = z
  .discriminatedUnion('op', [
    compare('eq', ScalarSchema),
    compare('ne', ScalarSchema),
    compare('gt', z.union([z.number(), z.string().max(40)])),
    compare('gte', z.union([z.number(), z.string().max(40)])),
    compare('lt', z.union([z.number(), z.string().max(40)])),
    compare('lte', z.union([z.number(), z.string().max(40)])),
    compare('in', z.array(ScalarSchema).min(1).max(50)),
    compare('contains', z.union([z.string().max(200), z.number(), z.boolean()])),
    z.strictObject({
      op: z.literal('exists'),
      path: ConditionPathSchema,
      value: z.boolean().default(true).describe('false: the path must be missing or null'),
    }),
    z.strictObject({
      op: z.literal('changed'),
      path: ConditionPathSchema.refine((path) => path.startsWith('data.'), 'must be a data.<field> path'),
    }),
    compare('changed_from', ScalarSchema).extend({
      path: ConditionPathSchema.refine((path) => path.startsWith('data.'), 'must be a data.<field> path'),
    }),
    compare('changed_to', ScalarSchema).extend({
      path: ConditionPathSchema.refine((path) => path.startsWith('data.'), 'must be a data.<field> path'),
    }),
  ])
  .meta({ id: 'WorkflowComparison' });
export type Comparison = z.output<typeof ComparisonSchema>;

// Groups nest two deep (a group of comparisons and groups of comparisons): enough for
// "A and (B or C)", and a finite shape that OpenAPI and the SPA's form both describe.
const InnerGroupSchema = z
  .discriminatedUnion('op', [
    z.strictObject({ op: z.literal('all'), of: z.array(ComparisonSchema).min(1).max(20) }),
    z.strictObject({ op: z.literal('any'), of: z.array(ComparisonSchema).min(1).max(20) }),
    z.strictObject({ op: z.literal('not'), of: ComparisonSchema }),
  ])
  .meta({ id: 'WorkflowConditionGroup' });

const NestedSchema = z.union([ComparisonSchema, InnerGroupSchema]);

/** The conditions of a workflow: all / any / not over comparisons (and one level of inner groups). */
export const ConditionSchema = z
  .union([
    ComparisonSchema,
    z.strictObject({ op: z.literal('all'), of: z.array(NestedSchema).min(1).max(20) }),
    z.strictObject({ op: z.literal('any'), of: z.array(NestedSchema).min(1).max(20) }),
    z.strictObject({ op: z.literal('not'), of: NestedSchema }),
  ])
  .meta({ id: 'WorkflowCondition' });
export type Condition = z.output<typeof ConditionSchema>;
export type ConditionInput = z.input<typeof ConditionSchema>;
