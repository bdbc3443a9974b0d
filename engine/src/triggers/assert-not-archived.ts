import type { Workflow } from '../store/workflows.ts';
import { SwitchboardError } from '../errors.ts';

/** An archived workflow is read-only until it is restored: its draft is not saved, and it is not published. */
export function assertNotArchived(workflow: Workflow, action: string): void {
  if (workflow.archivedAt !== null) throw archivedError(workflow, action);
}

export function archivedError(workflow: Workflow, action: string): SwitchboardError {
  return new SwitchboardError(
    'WORKFLOW_ARCHIVED',
    `Workflow "${workflow.name}" (${workflow.id}) is archived, so it cannot be ${action}. Restore it first: POST /api/workflows/${workflow.id}/restore.`,
  );
}
