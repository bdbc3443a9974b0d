/** The longest a step waits between attempts: a retry further out than this is better handled by the flow. */
export const MAX_RETRY_DELAY_MS = 10 * 60_000;

/** Spread of the random jitter, as a share of the backoff: keeps retries of many runs from landing at once. */
const JITTER = 0.2;

export interface RetryDelayInput {
  /** The attempt that just failed, from 1. */
  readonly attempt: number;
  readonly baseMs: number;
  /** What the server asked for with `Retry-After`, if anything. */
  readonly retryAfterMs?: number | undefined;
  /** A number in [0, 1); injected by tests. Defaults to Math.random. */
  readonly random?: () => number;
}

/**
 * Exponential backoff, `baseMs * 2^(attempt-1)` plus up to 20% jitter, never
 * sooner than the server's `Retry-After`, never later than ten minutes.
 *
 * ```ts
 * retryDelayMs({ attempt: 3, baseMs: 1000 }) // between 4000 and 4800
 * ```
 */
export function retryDelayMs({ attempt, baseMs, retryAfterMs, random = Math.random }: RetryDelayInput): number {
  const backoff = baseMs * 2 ** Math.max(0, attempt - 1) * (1 + JITTER * random());
  return Math.round(Math.min(MAX_RETRY_DELAY_MS, Math.max(backoff, retryAfterMs ?? 0)));
}

// IMF-fixdate, the HTTP date form servers send: `Tue, 01 Jul 2025 10:01:00 GMT`.
// Checked before Date.parse, which would also read "-5" as a year.
const HTTP_DATE = /^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** Reads `Retry-After` as delay-seconds or an HTTP date; anything else is ignored. */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!HTTP_DATE.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now.getTime());
}
