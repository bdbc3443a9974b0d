/**
 * Backoff for steps that fail operationally (a node threw an error of kind
 * `operational`, e.g. a lost connection). Nodes that talk to the outside
 * world choose their own policy through `ctx.retry`; this is the floor for the
 * rest. Exponential from 1 s, capped at 5 minutes, with jitter so a burst of
 * failures does not come back as a burst.
 */
export const DEFAULT_MAX_ATTEMPTS = 5;

export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(300_000, 1000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}
