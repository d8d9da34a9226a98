import type { FieldIssue } from '@crm/domain';
import type { ZodError } from 'zod';

/** A zod failure as field-level issues: the shape every 400 carries, whoever validated. */
export function fieldIssuesOf(error: ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const base = issue.path.map(String).join('.');
    // Unknown keys are reported on the object; name each key so the client sees which field.
    if (issue.code === 'unrecognized_keys') {
      const names = issue.keys.join(', ');
      return { path: base ? `${base}.${names}` : names, message: `is not allowed (${issue.message})` };
    }
    return { path: base || '(root)', message: issue.message };
  });
}
