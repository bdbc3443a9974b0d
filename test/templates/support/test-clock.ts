/**
 * The engine's and the inbox's clock: the wall clock moved by an offset, so it
 * keeps ticking (messages keep their order) while a test sets the day and hour.
 *
 * A wait's deadline comes from this clock, but its timeout job is a pg-boss job
 * that Postgres starts by its own time. So moving the clock forward does not
 * make a pending wait fire; to let a wait run out, shift the clock back by more
 * than the wait before it starts (its deadline is then already past, as if the
 * contact had gone quiet that long ago) and forward again once it is recorded.
 */
export interface TestClock {
  now(): Date;
  /** From now on the clock reads `instant`, and ticks on from there. */
  set(instant: string): void;
  /** Moves the clock by `ms` (negative: back). */
  shift(ms: number): void;
}

export function createTestClock(): TestClock {
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    set(instant) {
      offsetMs = Date.parse(instant) - Date.now();
    },
    shift(ms) {
      offsetMs += ms;
    },
  };
}
