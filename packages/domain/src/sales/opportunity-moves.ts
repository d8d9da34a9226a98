import { daysBetween } from '../calendar-days.js';
import { DomainError } from '../domain-error.js';
import type {
  Opportunity,
  OpportunityDraft,
  OpportunityLose,
  OpportunityPatch,
  OpportunityWin,
} from './opportunity.schema.js';
import type { Pipeline, PipelineStage } from './pipeline.schema.js';

function stageOf(pipeline: Pipeline, key: string | undefined, path: string): PipelineStage {
  const stage = key === undefined ? pipeline.stages[0] : pipeline.stages.find((s) => s.key === key);
  if (!stage) {
    throw new DomainError('validation_failed', `No stage ${key} in pipeline ${pipeline.key}`, {
      fields: [{ path, message: `must be one of ${pipeline.stages.map((s) => s.key).join(', ')}` }],
    });
  }
  return stage;
}

/**
 * A new open deal in `pipeline`, at the draft's stage or the pipeline's first.
 *
 * @example
 * openOpportunity({ id, customerId, leadId: null, draft, pipeline, ownerId, actorId, now }).stage // 'qualify'
 */
export function openOpportunity(args: {
  id: string;
  customerId: string;
  leadId: string | null;
  draft: OpportunityDraft;
  pipeline: Pipeline;
  ownerId: string | null;
  actorId: string;
  now: Date;
  /** Where a wrongly named stage is reported (`opportunity.stage` inside a conversion). */
  stagePath?: string;
}): Opportunity {
  const { draft, pipeline, now, actorId } = args;
  const stage = stageOf(pipeline, draft.stage, args.stagePath ?? 'stage');
  const at = now.toISOString();
  return {
    id: args.id,
    customerId: args.customerId,
    leadId: args.leadId,
    name: draft.name,
    amount: draft.amount,
    currency: draft.currency,
    expectedCloseDate: draft.expectedCloseDate ?? null,
    pipeline: pipeline.key,
    stage: stage.key,
    stageEnteredAt: at,
    stageHistory: [{ stage: stage.key, enteredAt: at, leftAt: null, by: actorId }],
    competitors: draft.competitors ?? [],
    nextActivity: draft.nextActivity ?? null,
    lastActivityAt: at,
    status: 'open',
    ownerId: args.ownerId,
    lostReason: null,
    lostCompetitor: null,
    closeNote: null,
    closedAt: null,
    closedBy: null,
    createdAt: at,
    createdBy: actorId,
    updatedAt: at,
    updatedBy: actorId,
    version: 1,
  };
}

function assertOpen(opportunity: Opportunity): void {
  if (opportunity.status !== 'open') {
    throw new DomainError('invalid_state', `The deal is ${opportunity.status}; only open deals change`);
  }
}

/** The history with the current visit closed at `at`. */
function leaveStage(opportunity: Opportunity, at: string) {
  return opportunity.stageHistory.map((visit, index) =>
    index === opportunity.stageHistory.length - 1 && visit.leftAt === null ? { ...visit, leftAt: at } : visit,
  );
}

/**
 * The deal after an edit: fields as given (`null` clears), a new stage closing the current stage
 * visit and opening the next one. Only open deals change.
 */
export function changeOpportunity(args: {
  opportunity: Opportunity;
  patch: Omit<OpportunityPatch, 'version'>;
  pipeline: Pipeline;
  actorId: string;
  now: Date;
}): Opportunity {
  const { opportunity, patch, pipeline, actorId } = args;
  assertOpen(opportunity);
  const at = args.now.toISOString();
  const next: Opportunity = { ...opportunity, updatedAt: at, updatedBy: actorId, lastActivityAt: at };
  if (patch.name !== undefined) next.name = patch.name;
  if (patch.amount !== undefined) next.amount = patch.amount;
  if (patch.currency !== undefined) next.currency = patch.currency;
  if (patch.expectedCloseDate !== undefined) next.expectedCloseDate = patch.expectedCloseDate;
  if (patch.competitors !== undefined) next.competitors = patch.competitors;
  if (patch.nextActivity !== undefined) next.nextActivity = patch.nextActivity;
  if (patch.ownerId !== undefined) next.ownerId = patch.ownerId;
  if (patch.stage !== undefined && patch.stage !== opportunity.stage) {
    const stage = stageOf(pipeline, patch.stage, 'stage');
    next.stage = stage.key;
    next.stageEnteredAt = at;
    next.stageHistory = [
      ...leaveStage(opportunity, at),
      { stage: stage.key, enteredAt: at, leftAt: null, by: actorId },
    ];
  }
  return next;
}

/** The deal won (`won`) or lost with the reason and the competitor it went to. */
export function closeOpportunity(args: {
  opportunity: Opportunity;
  outcome: { status: 'won'; input: OpportunityWin } | { status: 'lost'; input: OpportunityLose };
  actorId: string;
  now: Date;
}): Opportunity {
  const { opportunity, outcome, actorId } = args;
  assertOpen(opportunity);
  const at = args.now.toISOString();
  const lost = outcome.status === 'lost' ? outcome.input : undefined;
  return {
    ...opportunity,
    status: outcome.status,
    stageHistory: leaveStage(opportunity, at),
    lostReason: lost?.reason ?? null,
    lostCompetitor: lost?.competitor ?? null,
    closeNote: outcome.input.note ?? null,
    closedAt: at,
    closedBy: actorId,
    lastActivityAt: at,
    updatedAt: at,
    updatedBy: actorId,
  };
}

/**
 * Whether an open deal is stale ("rotting", Pipedrive's term): no activity for more than its
 * stage's `rottingDays` whole days. Closed deals and stages without a limit never rot.
 *
 * @example
 * isRotting({ ...deal, lastActivityAt: '2026-01-01T09:00:00Z' }, pipeline, new Date('2026-01-20')) // true at 14 days
 */
export function isRotting(opportunity: Opportunity, pipeline: Pipeline, now: Date): boolean {
  if (opportunity.status !== 'open') return false;
  const limit = pipeline.stages.find((stage) => stage.key === opportunity.stage)?.rottingDays;
  if (!limit) return false;
  return daysBetween(opportunity.lastActivityAt, now.toISOString()) > limit;
}
