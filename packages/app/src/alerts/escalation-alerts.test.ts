import { describe, expect, it } from 'vitest';
import { syncEscalationAlert } from './escalation-alerts.js';

type Record = { id: string; step: string; escalations: { step: string; dueAt: string }[] };

const DUE = '2026-03-02T09:00:00.000Z';
const open: Record = { id: 'c1', step: 'investigating', escalations: [] };
const escalated: Record = { ...open, escalations: [{ step: 'investigating', dueAt: DUE }] };

async function sync(before: Record | undefined, after: Record | undefined) {
  const calls: string[] = [];
  await syncEscalationAlert({
    before,
    after,
    stepOf: (record) => record.step,
    escalationsOf: (record) => record.escalations,
    resolve: async (id) => calls.push(`resolve ${id}`),
    raise: async (record, latest) => calls.push(`raise ${record.id} ${latest.step} ${latest.dueAt}`),
  });
  return calls;
}

describe('syncEscalationAlert', () => {
  it('raises one alert when the record gains an escalation of the step it is in', async () => {
    expect(await sync(open, escalated)).toEqual([`raise c1 investigating ${DUE}`]);
  });

  it('raises nothing when no escalation was gained (a redelivered or unrelated change)', async () => {
    expect(await sync(escalated, { ...escalated, escalations: [...escalated.escalations] })).toEqual([]);
  });

  it('resolves the alerts of a record that left its step, and raises nothing for the step it left', async () => {
    const movedOn: Record = { ...escalated, step: 'resolving' };
    expect(await sync(open, movedOn)).toEqual(['resolve c1']);
  });

  it('resolves the alerts of a deleted record', async () => {
    expect(await sync(escalated, undefined)).toEqual(['resolve c1']);
  });

  it('counts a new record as having had no escalations', async () => {
    expect(await sync(undefined, escalated)).toEqual([`raise c1 investigating ${DUE}`]);
  });
});
