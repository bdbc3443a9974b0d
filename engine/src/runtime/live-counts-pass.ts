import type { Kysely } from 'kysely';
import type { DB } from '../store/database.ts';
import { rollUpDepartures } from '../store/live-counts.ts';

/**
 * Rolls steps finished since the watermark up into step_departures, an hour of steps per
 * transaction, until caught up or out of `maxSteps`. The maintenance job runs it every minute
 * and before each retention pass, so a run's departures are counted before retention can
 * delete its steps. Answers how many hour-sized steps it took.
 */
export async function runLiveCountsPass(db: Kysely<DB>, now: Date, maxSteps = 200): Promise<number> {
  let steps = 0;
  while (steps < maxSteps) {
    steps += 1;
    if (!(await rollUpDepartures(db, now))) break;
  }
  return steps;
}
