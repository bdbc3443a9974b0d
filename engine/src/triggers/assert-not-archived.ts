import type { Workflow } from '../store/workflows.ts';
import { SwitchboardError } from '../errors.ts';

/** An archived workflow is read-only until it is restored: its draft is not saved, and it is not published. */
export function assertNotArchived(workflow: Workflow, action: string): void {
  if (workflow.archivedAt === null) return;
  throw new SwitchboardError(
    'WORKFLOW_ARCHIVED',
    `Workflow "${workflow.name}" (${workflow.id}) is archived, so it cannot be ${action}. Restore it first: POST /api/workflows/${workflow.id}/restore.`,
  );
}
