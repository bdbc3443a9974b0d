import type { Issue } from '../errors.ts';

/**
 * The tail of an error message over a list of issues: the issue itself when
 * there is one, else how many and the first ("3 problems; the first: /name is
 * required"). The full list travels in `issues`.
 */
export function summarizeIssues(issues: readonly Pick<Issue, 'message'>[]): string {
  const [first] = issues;
  if (first === undefined) return '';
  if (issues.length === 1) return first.message;
  return `${issues.length} problems; the first: ${first.message}`;
}
