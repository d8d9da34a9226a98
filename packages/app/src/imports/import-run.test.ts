import type { ImportJob } from '@crm/domain';
import { describe, expect, it } from 'vitest';
import { importAsSeenAt, parseColumnMapping } from './import-run.js';

const job: ImportJob = {
  id: '01JIMPORT00000000000000001',
  kind: 'customers',
  layout: 'csv',
  status: 'running',
  rowsRead: 10,
  rowsWritten: 5,
  rowsUnchanged: 0,
  rowsRejected: 0,
  customersCreated: 5,
  fileHash: 'hash',
  startedAt: '2026-01-01T00:00:00.000Z',
  createdBy: '01JUSER0000000000000000001',
};
const now = new Date('2026-01-01T00:05:00Z');
const inSeconds = (seconds: number) => now.getTime() / 1000 + seconds;

describe('importAsSeenAt', () => {
  it('shows a running import as running while it holds an unexpired lock', () => {
    expect(importAsSeenAt(job, { importId: job.id, expiresAt: inSeconds(60) }, now)).toBe(job);
  });

  it('shows a running import that lost its lock as failed (interrupted)', () => {
    for (const lock of [
      undefined,
      { importId: 'other', expiresAt: inSeconds(60) },
      { importId: job.id, expiresAt: inSeconds(-1) },
    ]) {
      expect(importAsSeenAt(job, lock, now)).toMatchObject({
        status: 'failed',
        error: expect.stringMatching(/^Interrupted/),
      });
    }
  });

  it('leaves a finished import as it is', () => {
    const completed: ImportJob = { ...job, status: 'completed' };
    expect(importAsSeenAt(completed, undefined, now)).toBe(completed);
  });
});

describe('parseColumnMapping', () => {
  it('reads a JSON object of field → column name', () => {
    expect(parseColumnMapping('{"externalId":"Kundennr"}')).toEqual({ externalId: 'Kundennr' });
    expect(parseColumnMapping(undefined)).toBeUndefined();
  });

  it('rejects anything else as a validation failure on mapping', () => {
    for (const mapping of ['not json', '[]', '{"a":1}', 'null']) {
      expect(() => parseColumnMapping(mapping)).toThrow(
        expect.objectContaining({ code: 'validation_failed' }),
      );
    }
  });
});
