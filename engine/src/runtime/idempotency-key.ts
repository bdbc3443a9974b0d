/**
 * The key an outside effect carries (promise 2): the same for every retry and
 * every re-execution after a crash of one visit of one node in one run, and
 * different for the next visit, so the far side can deduplicate safely.
 */
export function idempotencyKey(runId: string, nodeId: string, visit: number): string {
  return `${runId}:${nodeId}:${visit}`;
}
