import type { Kysely } from 'kysely';
import type { DB } from '../store/database.ts';
import { BUCKET_MS, deleteDeparturesBefore, LONGEST_WINDOW_MS } from '../store/live-counts.ts';
import { deleteEventsBefore, deleteFinishedRuns, deleteSignalsBefore, deleteTestsBefore } from '../store/retention.ts';
import { runLiveCountsPass } from './live-counts-pass.ts';

/** How long finished work is kept, and how much one pass may delete. */
export interface RetentionOptions {
  /** Days finished runs (with their steps and waits), events and signals are kept; a workflow's `settings.retentionDays` wins for its runs. */
  readonly retentionDays: number;
  /** Rows per delete statement. Defaults to 2,000: each statement's locks and WAL stay small. */
  readonly batchSize?: number;
  /** Statements per pass, across all kinds. Defaults to 500 (a million runs). */
  readonly maxBatches?: number;
  /** Wall time a pass may spend before it stops and leaves the rest to the next one. Defaults to 60 s. */
  readonly timeBudgetMs?: number;
}

export interface RetentionPassResult {
  readonly runs: number;
  readonly events: number;
  readonly signals: number;
  /** Live-count buckets older than the longest window. */
  readonly departures: number;
  /** Test chats (with their runs, contacts and conversations) a day old. */
  readonly tests: number;
  /** False when the pass stopped at its batch or time bound with rows still due. */
  readonly complete: boolean;
}

export const DEFAULT_RETENTION_DAYS = 30;

/** How long a test chat is kept: a day (docs/ARCHITECTURE.md "Test chat"). */
export const TEST_RETENTION_MS = 86_400_000;

/**
 * One retention pass, as the maintenance job runs it every few minutes: deletes
 * what is past its retention in batches, each its own short transaction, so
 * steps and the API never wait long behind it. `now` is the injected clock's
 * time (what counts as old); the time budget is measured on the wall clock.
 * A pass that runs out of batches or time simply stops: the next pass
 * continues from the oldest rows still due.
 */
export async function runRetentionPass(db: Kysely<DB>, now: Date, options: RetentionOptions): Promise<RetentionPassResult> {
  const batchSize = options.batchSize ?? 2000;
  const deadline = performance.now() + (options.timeBudgetMs ?? 60_000);
  let batchesLeft = options.maxBatches ?? 500;
  const before = new Date(now.getTime() - options.retentionDays * 86_400_000);

  /** Repeats one bounded delete until it comes up short (done) or the pass is out of batches or time. */
  async function drain(deleteBatch: () => Promise<number>, size = batchSize): Promise<{ deleted: number; complete: boolean }> {
    let deleted = 0;
    for (;;) {
      if (batchesLeft <= 0 || performance.now() >= deadline) return { deleted, complete: false };
      batchesLeft -= 1;
      const count = await deleteBatch();
      deleted += count;
      if (count < size) return { deleted, complete: true };
    }
  }

  // Departures are counted before their steps can go: live counts never lose a run to retention.
  await runLiveCountsPass(db, now);
  const runs = await drain(() => deleteFinishedRuns(db, { now, defaultDays: options.retentionDays, limit: batchSize }));
  const events = await drain(() => deleteEventsBefore(db, before, batchSize));
  const signals = await drain(() => deleteSignalsBefore(db, before, batchSize));
  const departures = await drain(() => deleteDeparturesBefore(db, new Date(now.getTime() - LONGEST_WINDOW_MS - BUCKET_MS), batchSize));
  // A test chat is a moment's check of a draft: kept a day, whatever the retention. Fewer per
  // statement, since each takes its runs and conversations with it.
  const testBatch = Math.max(1, Math.floor(batchSize / 20));
  const tests = await drain(() => deleteTestsBefore(db, new Date(now.getTime() - TEST_RETENTION_MS), testBatch), testBatch);
  return {
    runs: runs.deleted,
    events: events.deleted,
    signals: signals.deleted,
    departures: departures.deleted,
    tests: tests.deleted,
    complete: runs.complete && events.complete && signals.complete && departures.complete && tests.complete,
  };
}
