import type { LeadGrade, LeadGrading } from './pipeline.schema.js';

export type GradableLead = {
  source: string;
  email?: string | undefined;
  phone?: string | undefined;
  company?: string | undefined;
};

/**
 * The lead's grade (潜在顾客等级) by the tenant's rules: the first rule whose sources include the
 * lead's (case-insensitive; any source when the rule names none) and whose required facts the
 * lead has; `otherwise` when none matches.
 *
 * @example
 * gradeLead({ source: 'fair', company: 'ACME', phone: '+86 10 1234 5678' }, defaultSalesSetup.leadGrading) // 'B'
 */
export function gradeLead(lead: GradableLead, grading: LeadGrading): LeadGrade {
  const source = lead.source.trim().toLowerCase();
  const rule = grading.rules.find(
    (candidate) =>
      (!candidate.sources?.length || candidate.sources.some((s) => s.trim().toLowerCase() === source)) &&
      candidate.requires.every((fact) => Boolean(lead[fact])),
  );
  return rule?.grade ?? grading.otherwise;
}
