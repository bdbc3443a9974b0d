import { describe, expect, it } from 'vitest';
import { MAX_RETRY_DELAY_MS, parseRetryAfter, retryDelayMs } from './retry-delay.ts';

describe('retryDelayMs', () => {
  it('doubles the backoff with each attempt', () => {
    const noJitter = () => 0;
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs({ attempt, baseMs: 1_000, random: noJitter }))).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('adds at most 20% jitter', () => {
    expect(retryDelayMs({ attempt: 2, baseMs: 1_000, random: () => 0.999_999 })).toBe(2_400);
  });

  it('never waits longer than ten minutes, even when asked to', () => {
    expect(retryDelayMs({ attempt: 10, baseMs: 600_000 })).toBe(MAX_RETRY_DELAY_MS);
    expect(retryDelayMs({ attempt: 1, baseMs: 1_000, retryAfterMs: 3_600_000 })).toBe(MAX_RETRY_DELAY_MS);
  });

  it('waits at least as long as Retry-After asks', () => {
    expect(retryDelayMs({ attempt: 1, baseMs: 1_000, retryAfterMs: 30_000, random: () => 0 })).toBe(30_000);
    expect(retryDelayMs({ attempt: 3, baseMs: 1_000, retryAfterMs: 1_000, random: () => 0 })).toBe(4_000);
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2025-07-01T10:00:00Z');

  it('reads delay-seconds and HTTP dates', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Tue, 01 Jul 2025 10:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Tue, 01 Jul 2025 09:00:00 GMT', now)).toBe(0);
  });

  it('ignores a missing or unreadable value', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });
});
