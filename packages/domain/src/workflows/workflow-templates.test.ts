import { describe, expect, it } from 'vitest';
import { WorkflowCreateSchema } from './workflow.schema.js';
import { workflowTemplates } from './workflow-templates.js';

describe('shipped workflow templates', () => {
  it('are each a valid definition (with an endpoint where they send a webhook)', () => {
    for (const template of workflowTemplates) {
      const definition = template.definition({ endpointId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' });
      const parsed = WorkflowCreateSchema.safeParse(definition);
      expect(parsed.success, `${template.id}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      expect(definition.actions.some((action) => action.type === 'webhook')).toBe(template.needsEndpoint);
    }
  });
});
