/**
 * The shortest pause of a wait on a node's second or later visit in a run. The
 * loop guard rejects a cycle whose wait can be zero, but a custom node may still
 * ask for a deadline that has passed (one a template computed, a node that says
 * it waits and does not, a version published before the guard knew better):
 * inside a cycle, every turn then pauses this long, so a run polls at most once
 * a second instead of spinning through the queue until its step cap.
 */
export const MIN_REPEAT_WAIT_MS = 1_000;

/**
 * The deadline a wait is recorded with. A first visit keeps its own, even one
 * already past (the wait ends at once: no cycle, nothing to spin); a later
 * visit's deadline is at least `MIN_REPEAT_WAIT_MS` from now.
 */
export function waitDeadline(until: Date, now: Date, visit: number): Date {
  if (visit <= 1) return until;
  const earliest = now.getTime() + MIN_REPEAT_WAIT_MS;
  return until.getTime() < earliest ? new Date(earliest) : until;
}
