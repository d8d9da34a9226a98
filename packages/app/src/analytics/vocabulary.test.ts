import * as analytics from '@crm/analytics';
import * as domain from '@crm/domain';
import { describe, expect, it } from 'vitest';

// The pure packages may not import each other (Biome boundaries), so each spells these lists;
// the API, which sees both, holds them to one vocabulary.
describe('lifecycle and relationship vocabulary', () => {
  it('is the same in the analytics suggestions and the customer schema', () => {
    expect(analytics.lifecycleStages).toEqual(domain.lifecycleStages);
    expect(analytics.relationshipLevels).toEqual(domain.relationshipLevels);
  });
});
