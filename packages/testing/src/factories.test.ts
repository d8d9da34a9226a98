import { CustomerSchema, InteractionSchema } from '@crm/domain';
import { toEntityChange } from '@crm/dynamodb';
import { describe, expect, it } from 'vitest';
import { testCustomer } from './customer-factory.js';
import { testInteraction } from './interaction-factory.js';
import { dynamoDbStreamRecord, entityChange } from './stream-record-factory.js';

describe('test factories', () => {
  it('make customers and interactions their schemas accept, with overrides on top', () => {
    expect(CustomerSchema.parse(testCustomer())).toBeTruthy();
    expect(testCustomer({ name: 'Acme', kind: 'business' })).toMatchObject({
      name: 'Acme',
      kind: 'business',
    });
    expect(InteractionSchema.parse(testInteraction())).toBeTruthy();
    const note = testInteraction({ type: 'note', amount: undefined, currency: undefined, text: 'hi' });
    expect(InteractionSchema.parse(note)).toEqual(note);
    expect(note).not.toHaveProperty('amount');
  });

  it('make stream records the stream decoder reads back into the items they were built from', () => {
    const before = { pk: 'T#01TENANT#C#01CUSTOMER', sk: 'PROFILE', entityType: 'customer', name: 'Old' };
    const after = { ...before, name: 'New', tags: ['vip'], version: 2 };

    const change = toEntityChange(
      dynamoDbStreamRecord({ eventName: 'MODIFY', oldItem: before, newItem: after }),
    );

    expect(change).toMatchObject({
      tenantId: '01TENANT',
      entityType: 'customer',
      kind: 'updated',
      before,
      after,
    });
  });

  it('make entity changes whose kind follows their images', () => {
    expect(entityChange({ entityType: 'customer', tenantId: 't', after: {} }).kind).toBe('created');
    expect(entityChange({ entityType: 'customer', tenantId: 't', before: {}, after: {} }).kind).toBe(
      'updated',
    );
    expect(entityChange({ entityType: 'customer', tenantId: 't', before: {} }).kind).toBe('removed');
  });
});
