import { DEFAULT_RATE_LIMITS } from '@crm/app';
import { describe, expect, it } from 'vitest';
import { DEFAULT_API_RATE_LIMITS } from '../../infra/lib/config.js';

// infra may not import the app (biome), so it keeps its own copy of the documented defaults.
describe('rate limit defaults', () => {
  it('are the same in infra (what a stage gets without context) and in the app', () => {
    expect(DEFAULT_API_RATE_LIMITS).toEqual(DEFAULT_RATE_LIMITS);
  });
});
