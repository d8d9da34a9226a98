import { type Interaction, newId } from '@crm/domain';

/**
 * A valid interaction (by default an order of ¥12.00 through the API), with `overrides` on top.
 *
 * @example
 * const note = testInteraction({ customerId, type: 'note', amount: undefined, currency: undefined, text: 'Called back' });
 */
export function testInteraction(overrides: Partial<Interaction> = {}): Interaction {
  const interaction: Interaction = {
    id: newId(),
    customerId: newId(),
    type: 'order',
    occurredAt: '2026-01-02T03:04:05.000Z',
    amount: 1200,
    currency: 'CNY',
    source: 'api',
    createdAt: '2026-01-02T03:04:05.000Z',
    createdBy: '01JUSER0000000000000000001',
    version: 1,
    ...overrides,
  };
  // An override of undefined removes the field, as it would be absent on a stored item.
  for (const key of Object.keys(interaction) as (keyof Interaction)[]) {
    if (interaction[key] === undefined) delete interaction[key];
  }
  return interaction;
}
