import { describe, expect, it } from 'vitest';
import { MIN_REPEAT_WAIT_MS, waitDeadline } from './wait-deadline.ts';

const now = new Date('2025-07-01T10:00:00.000Z');
const at = (ms: number) => new Date(now.getTime() + ms);

describe('waitDeadline', () => {
  it("keeps a first visit's deadline, even one already past", () => {
    expect(waitDeadline(at(-5_000), now, 1)).toEqual(at(-5_000));
    expect(waitDeadline(now, now, 1)).toEqual(now);
  });

  it('moves a later visit’s deadline that is past, now or too near to a second from now', () => {
    expect(waitDeadline(at(-5_000), now, 2)).toEqual(at(MIN_REPEAT_WAIT_MS));
    expect(waitDeadline(now, now, 7)).toEqual(at(MIN_REPEAT_WAIT_MS));
    expect(waitDeadline(at(200), now, 2)).toEqual(at(MIN_REPEAT_WAIT_MS));
  });

  it('keeps a later visit’s deadline that is far enough', () => {
    expect(waitDeadline(at(60_000), now, 3)).toEqual(at(60_000));
  });
});
