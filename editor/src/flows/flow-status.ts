import type { components } from '../api/schema.d.ts';

export type WorkflowSummary = components['schemas']['WorkflowSummary'];

/**
 * What the list calls a flow's state, one word each: never published, published as it is,
 * published with a draft that changed since (the "published with unpublished changes"),
 * published once and stopped. The server's `status` has three values and a flag; a person reads
 * four, and the status filter offers the same four.
 */
export type FlowStatus = 'draft' | 'published' | 'changed' | 'stopped';

export const flowStatuses: readonly FlowStatus[] = ['draft', 'published', 'changed', 'stopped'];

export function flowStatusOf(flow: Pick<WorkflowSummary, 'status' | 'hasUnpublishedChanges'>): FlowStatus {
  switch (flow.status) {
    case 'draft':
      return 'draft';
    case 'stopped':
      return 'stopped';
    case 'active':
      return flow.hasUnpublishedChanges ? 'changed' : 'published';
  }
}

/** The `GET /api/workflows` filters that list exactly the flows of one FlowStatus. */
export function statusFilter(status: FlowStatus): { status: WorkflowSummary['status']; hasUnpublishedChanges?: boolean } {
  switch (status) {
    case 'draft':
      return { status: 'draft' };
    case 'published':
      return { status: 'active', hasUnpublishedChanges: false };
    case 'changed':
      return { status: 'active', hasUnpublishedChanges: true };
    case 'stopped':
      return { status: 'stopped' };
  }
}

export function isFlowStatus(value: unknown): value is FlowStatus {
  return typeof value === 'string' && (flowStatuses as readonly string[]).includes(value);
}
