import { describe, expect, it } from 'vitest';
import { gradeLead } from './lead-grading.js';
import { defaultSalesSetup, type LeadGrading } from './pipeline.schema.js';

describe('gradeLead', () => {
  const defaults = defaultSalesSetup.leadGrading;

  it('grades by the first rule that matches, in order', () => {
    expect(gradeLead({ source: 'web', company: 'ACME', phone: '123456', email: 'a@b.co' }, defaults)).toBe(
      'A',
    );
    expect(gradeLead({ source: 'web', company: 'ACME', email: 'a@b.co' }, defaults)).toBe('B');
    expect(gradeLead({ source: 'web', phone: '123456' }, defaults)).toBe('B');
  });

  it('falls back to `otherwise` when no rule matches', () => {
    expect(gradeLead({ source: 'web', email: 'a@b.co' }, defaults)).toBe('C');
  });

  it('matches sources without regard to case or surrounding space', () => {
    const grading: LeadGrading = {
      rules: [{ grade: 'A', sources: ['Referral '], requires: [] }],
      otherwise: 'C',
    };

    expect(gradeLead({ source: 'referral' }, grading)).toBe('A');
    expect(gradeLead({ source: 'fair' }, grading)).toBe('C');
  });
});
