import type { RunInfo } from '../sdk.ts';

/**
 * The time as a run sees it: the real clock, moved by the run's offset (a test chat's
 * "pretend the time is", docs/ARCHITECTURE.md "Test chat"). This is the single place a step's
 * `ctx.now` and the templates' `now` come from, so every node, custom ones too, keeps to a
 * test's pretend time without knowing about tests. A wait's `until` is in run time too; the
 * executor turns it back into real time (`toRealTime`), so ten pretend minutes are ten real ones.
 */
export function runNow(realNow: Date, run: Pick<RunInfo, 'clockOffsetMs'>): Date {
  return run.clockOffsetMs === 0 ? realNow : new Date(realNow.getTime() + run.clockOffsetMs);
}

/** A moment in run time (a wait's `until`), as the real moment the queue must fire at. */
export function toRealTime(runTime: Date, run: Pick<RunInfo, 'clockOffsetMs'>): Date {
  return run.clockOffsetMs === 0 ? runTime : new Date(runTime.getTime() - run.clockOffsetMs);
}
