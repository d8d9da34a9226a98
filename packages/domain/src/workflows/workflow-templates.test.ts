import { describe, expect, it } from 'vitest';
import { evaluateCondition } from './evaluate-condition.js';
import { WorkflowCreateSchema } from './workflow.schema.js';
import { sayIn, workflowTemplates } from './workflow-templates.js';

const say = sayIn('en');

describe('shipped workflow templates', () => {
  it('are each a valid definition (with an endpoint where they send a webhook)', () => {
    for (const template of workflowTemplates) {
      const definition = template.definition({ endpointId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', say });
      const parsed = WorkflowCreateSchema.safeParse(definition);
      expect(parsed.success, `${template.id}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      expect(definition.actions.some((action) => action.type === 'webhook')).toBe(template.needsEndpoint);
    }
  });

  it('opens a complaint for a survey rated 2 or less, not for a content customer or an unscored answer', () => {
    const template = workflowTemplates.find((candidate) => candidate.id === 'low-survey-score-complaint');
    const definition = WorkflowCreateSchema.parse(template?.definition({ say }));
    const runsFor = (rating: number | null) =>
      evaluateCondition(definition.conditions, { data: { id: 'i1', customerId: 'c1', rating } }).matched;

    expect([1, 2].map(runsFor)).toEqual([true, true]);
    expect([3, 5, null].map(runsFor)).toEqual([false, false, false]);
    expect(definition.actions.map((action) => action.type)).toEqual(['complaint', 'task']);
  });

  it('writes a draft’s name and texts in the language asked for', () => {
    for (const template of workflowTemplates) {
      const definition = template.definition({
        endpointId: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
        say: sayIn('zh-CN'),
      });
      const texts = [
        definition.name,
        definition.description ?? '',
        ...definition.actions.map((action) =>
          action.type === 'task' ? action.title : action.type === 'complaint' ? action.summary : '',
        ),
      ];
      for (const text of texts.filter(Boolean)) expect(text, template.id).toMatch(/\p{Script=Han}/u);
    }
  });
});
