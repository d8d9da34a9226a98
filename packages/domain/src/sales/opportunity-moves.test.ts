import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain-error.js';
import { changeOpportunity, closeOpportunity, isRotting, openOpportunity } from './opportunity-moves.js';
import { defaultPipeline, defaultSalesSetup, SalesSetupSchema } from './pipeline.schema.js';

const pipeline = defaultPipeline(defaultSalesSetup);
const opened = openOpportunity({
  id: 'o1',
  customerId: 'c1',
  leadId: null,
  draft: { name: 'Fleet', amount: 500_000, currency: 'USD' },
  pipeline,
  ownerId: 'u1',
  actorId: 'u1',
  now: new Date('2026-03-01T09:00:00Z'),
});

describe('opportunity moves', () => {
  it('opens a deal in the first stage of its pipeline', () => {
    expect(opened).toMatchObject({ stage: 'qualify', status: 'open', version: 1 });
    expect(opened.stageHistory).toEqual([
      { stage: 'qualify', enteredAt: '2026-03-01T09:00:00.000Z', leftAt: null, by: 'u1' },
    ]);
  });

  it('refuses a stage the pipeline does not have, naming the field', () => {
    const open = () =>
      openOpportunity({
        ...{ id: 'o', customerId: 'c', leadId: null, pipeline, ownerId: null, actorId: 'u', now: new Date() },
        draft: { name: 'x', amount: 1, currency: 'USD', stage: 'nope' },
      });

    expect(open).toThrow(DomainError);
    expect(open).toThrow(/No stage nope/);
  });

  it('records the time in stage when a deal moves', () => {
    const moved = changeOpportunity({
      opportunity: opened,
      patch: { stage: 'proposal' },
      pipeline,
      actorId: 'u2',
      now: new Date('2026-03-04T09:00:00Z'),
    });

    expect(moved.stage).toBe('proposal');
    expect(moved.stageHistory).toEqual([
      {
        stage: 'qualify',
        enteredAt: '2026-03-01T09:00:00.000Z',
        leftAt: '2026-03-04T09:00:00.000Z',
        by: 'u1',
      },
      { stage: 'proposal', enteredAt: '2026-03-04T09:00:00.000Z', leftAt: null, by: 'u2' },
    ]);
  });

  it('closes a lost deal with reason and competitor, and then refuses changes', () => {
    const lost = closeOpportunity({
      opportunity: opened,
      outcome: { status: 'lost', input: { reason: 'price', competitor: 'Rival' } },
      actorId: 'u1',
      now: new Date('2026-03-02T09:00:00Z'),
    });

    expect(lost).toMatchObject({ status: 'lost', lostReason: 'price', lostCompetitor: 'Rival' });
    expect(lost.stageHistory[0]?.leftAt).toBe('2026-03-02T09:00:00.000Z');
    expect(() =>
      changeOpportunity({ opportunity: lost, patch: { name: 'x' }, pipeline, actorId: 'u', now: new Date() }),
    ).toThrow(/only open deals change/);
  });

  it('rots after more whole days without activity than the stage allows', () => {
    // qualify rots after 14 days; activity on 1 March.
    expect(isRotting(opened, pipeline, new Date('2026-03-15T23:00:00Z'))).toBe(false);
    expect(isRotting(opened, pipeline, new Date('2026-03-16T00:30:00Z'))).toBe(true);
  });

  it('refuses a setup whose stage keys repeat', () => {
    const stage = pipeline.stages[0];
    const result = SalesSetupSchema.safeParse({
      ...defaultSalesSetup,
      pipelines: [{ ...pipeline, stages: [stage, stage] }],
    });

    expect(result.success).toBe(false);
  });
});
