import { type FlowStatus, isFlowStatus, statusFilter } from './flow-status.ts';

/**
 * What `/flows` keeps in its address, so a reload, a link or the back button reopens the same
 * list: `?q=sales&status=changed`, `?archived=true`. Anything else in the address is dropped.
 */
export interface FlowsSearch {
  readonly q?: string;
  readonly status?: FlowStatus;
  readonly archived?: true;
}

/** TanStack Router's validateSearch for `/flows`. */
export function validateFlowsSearch(search: Record<string, unknown>): FlowsSearch {
  const q = typeof search['q'] === 'string' ? search['q'].trim() : '';
  // The router parses `?archived=true` as the boolean; a hand-typed address may carry the string.
  const archived = search['archived'] === true || search['archived'] === 'true';
  return {
    ...(q === '' ? {} : { q: q.slice(0, 200) }),
    ...(isFlowStatus(search['status']) ? { status: search['status'] } : {}),
    ...(archived ? { archived: true as const } : {}),
  };
}

export interface WorkflowListFilters {
  query?: string;
  status?: 'draft' | 'active' | 'stopped';
  hasUnpublishedChanges?: boolean;
  archived?: boolean;
}

/** The `GET /api/workflows` query for what the address asks. */
export function listFilters(search: FlowsSearch): WorkflowListFilters {
  return {
    ...(search.q === undefined ? {} : { query: search.q }),
    ...(search.status === undefined ? {} : statusFilter(search.status)),
    ...(search.archived === true ? { archived: true } : {}),
  };
}

/** Whether the person narrowed the list (an empty answer then says "nothing matches", not "no flows yet"). */
export function isFiltered(search: FlowsSearch): boolean {
  return search.q !== undefined || search.status !== undefined;
}
