import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../events/catalog-event.schema.js';
import { WebhookEndpointCreateSchema } from './webhook-endpoint.schema.js';
import { endpointWants, patternMatches } from './webhook-matching.js';

const event = (overrides: Partial<EventEnvelope> = {}): EventEnvelope => ({
  id: 'evt-1',
  type: 'customer.updated',
  version: 1,
  tenantId: 'T1',
  occurredAt: '2026-02-07T00:00:00.000Z',
  entityId: 'C1',
  data: { id: 'C1', kind: 'business', status: 'dormant' },
  changedFields: ['status'],
  previous: { status: 'active' },
  ...overrides,
});

describe('patternMatches', () => {
  it('matches exact names, prefix wildcards and *', () => {
    expect(patternMatches('customer.updated', 'customer.updated')).toBe(true);
    expect(patternMatches('customer.*', 'customer.updated')).toBe(true);
    expect(patternMatches('credit.hold.*', 'credit.hold.placed')).toBe(true);
    expect(patternMatches('credit.hold.*', 'credit.grade.changed')).toBe(false);
    expect(patternMatches('*', 'import.failed')).toBe(true);
    expect(patternMatches('contact.*', 'customer.updated')).toBe(false);
  });
});

describe('endpointWants', () => {
  it('delivers a matching event to an enabled endpoint only', () => {
    expect(endpointWants({ enabled: true, events: ['customer.*'] }, event())).toBe(true);
    expect(endpointWants({ enabled: false, events: ['customer.*'] }, event())).toBe(false);
    expect(endpointWants({ enabled: true, events: ['contact.*'] }, event())).toBe(false);
  });

  it('filters on changed fields: only updates that change one of them', () => {
    const wantsStatus = { enabled: true, events: ['customer.*'], filter: { changed: ['status'] } };
    expect(endpointWants(wantsStatus, event())).toBe(true);
    expect(endpointWants(wantsStatus, event({ changedFields: ['name'], previous: { name: 'x' } }))).toBe(
      false,
    );
  });

  it('filters on values of data, a list meaning any of them', () => {
    const business = { enabled: true, events: ['customer.*'], filter: { equals: { kind: 'business' } } };
    expect(endpointWants(business, event())).toBe(true);
    expect(endpointWants(business, event({ data: { id: 'C1', kind: 'individual' } }))).toBe(false);
    const either = { enabled: true, events: ['*'], filter: { equals: { status: ['active', 'dormant'] } } };
    expect(endpointWants(either, event())).toBe(true);
  });
});

describe('WebhookEndpointCreateSchema', () => {
  it('accepts the acceptance checks’ request', () => {
    const parsed = WebhookEndpointCreateSchema.parse({
      url: 'http://127.0.0.1:4000/hook',
      events: ['customer.*'],
    });
    expect(parsed.events).toEqual(['customer.*']);
  });

  it('refuses events outside the catalog, wildcards covering none, and other schemes', () => {
    for (const body of [
      { url: 'https://x.example/hook', events: ['custmer.*'] },
      { url: 'https://x.example/hook', events: ['customer.exploded'] },
      { url: 'ftp://x.example/hook', events: ['customer.*'] },
      { url: 'https://user:pw@x.example/hook', events: ['customer.*'] },
      { url: 'https://x.example/hook', events: [] },
    ]) {
      expect(WebhookEndpointCreateSchema.safeParse(body).success, JSON.stringify(body)).toBe(false);
    }
  });
});
