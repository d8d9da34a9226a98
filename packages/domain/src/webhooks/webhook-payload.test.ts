import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../events/catalog-event.schema.js';
import { WEBHOOK_MAX_PAYLOAD_BYTES, webhookPayload } from './webhook-payload.js';

const event = (data: Record<string, unknown>): EventEnvelope => ({
  id: 'evt-1',
  type: 'customer.updated',
  version: 1,
  tenantId: 'T1',
  occurredAt: '2026-02-07T00:00:00.000Z',
  entityId: 'C1',
  data: { id: 'C1', ...data },
  changedFields: ['status'],
  previous: { status: 'active' },
});

const size = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

describe('webhookPayload', () => {
  it('sends type, timestamp, data and, for updates, changedFields and previous', () => {
    const payload = webhookPayload(event({ status: 'dormant' }), 'customer');
    expect(payload).toEqual({
      type: 'customer.updated',
      timestamp: '2026-02-07T00:00:00.000Z',
      data: { id: 'C1', status: 'dormant' },
      changedFields: ['status'],
      previous: { status: 'active' },
    });
  });

  it('trims an entity over 20 KB to its id, a link and the changed fields', () => {
    const payload = webhookPayload(event({ status: 'dormant', notes: '长'.repeat(10_000) }), 'customer');
    expect(size(payload)).toBeLessThan(WEBHOOK_MAX_PAYLOAD_BYTES);
    expect(payload.trimmed).toBe(true);
    expect(payload.data).toEqual({ id: 'C1', link: '/v1/customers/C1', status: 'dormant' });
    expect(payload.changedFields).toEqual(['status']);
  });
});
