import { type FieldIssue, fieldIssueDetailOf } from '@crm/domain';
import type { ZodError } from 'zod';

/**
 * A zod failure as field-level issues: the shape every 400 carries, whoever validated. Each keeps
 * zod's code and bounds beside the English message, so the SPA can say it in the user's language.
 */
export function fieldIssuesOf(error: ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const base = issue.path.map(String).join('.');
    const detail = fieldIssueDetailOf(issue);
    // Unknown keys are reported on the object; name each key so the client sees which field.
    if (issue.code === 'unrecognized_keys') {
      const names = issue.keys.join(', ');
      return {
        path: base ? `${base}.${names}` : names,
        message: `is not allowed (${issue.message})`,
        ...detail,
      };
    }
    return { path: base || '(root)', message: issue.message, ...detail };
  });
}
