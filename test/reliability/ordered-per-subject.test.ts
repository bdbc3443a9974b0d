import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publish, startTestEngine, type TestEngine, waitForRun } from '../support/test-engine.ts';
import { testNodes } from '../support/test-nodes.ts';
import { connectTestDatabase } from '../support/test-database.ts';
import type { Kysely } from 'kysely';

/** Promise 3: work for one subject is serialized; two events for it never interleave their effects. */
describe('ordering per subject', () => {
  let harness: TestEngine;
  let db: Kysely<unknown>;

  beforeAll(async () => {
    harness = await startTestEngine({ nodes: testNodes, workerConcurrency: 8 });
    db = connectTestDatabase(harness.schema);
    await sql`create table test_effects (run_id uuid, label text, subject text, started_at timestamptz, finished_at timestamptz)`.execute(db);
  });
  afterAll(async () => {
    await db?.destroy();
    await harness?.close();
  });

  it('never overlaps the steps of runs for one subject, while other subjects run side by side', async () => {
    const { engine } = harness;
    await publish(engine, {
      name: 'Slow effect',
      nodes: [
        { id: 'start', type: 'test.event', config: { event: 'slow' } },
        { id: 'work', type: 'test.record_effect', config: { label: 'slow', sleepMs: 40 } },
      ],
      edges: [{ from: 'start', to: 'work' }],
      settings: { reentry: 'parallel' },
    });
    const events = Array.from({ length: 24 }, (_, n) => engine.emit({ type: 'slow', subject: `conversation:${n % 3}` }));
    const results = await Promise.all(events);
    await Promise.all(results.map((result) => waitForRun(engine, result.runIds[0] as string)));
    const rows = (
      await sql<{
        subject: string;
        started_at: Date;
        finished_at: Date;
      }>`select subject, started_at, finished_at from test_effects order by started_at`.execute(db)
    ).rows;
    expect(rows).toHaveLength(24);
    let overlapsAcrossSubjects = 0;
    for (let i = 0; i < rows.length; i += 1) {
      for (let j = i + 1; j < rows.length; j += 1) {
        const [a, b] = [rows[i], rows[j]] as [(typeof rows)[number], (typeof rows)[number]];
        const overlap = a.started_at < b.finished_at && b.started_at < a.finished_at;
        if (a.subject === b.subject) expect(overlap, `${a.subject} ran two steps at once`).toBe(false);
        else if (overlap) overlapsAcrossSubjects += 1;
      }
    }
    // Different subjects are not serialized: with 8 workers some of their steps overlap.
    expect(overlapsAcrossSubjects).toBeGreaterThan(0);
  });

  it('begins runs of one subject in the order their events came, even when one transaction emitted them', async () => {
    const { engine } = harness;
    await publish(engine, {
      name: 'Record the label',
      nodes: [
        { id: 'start', type: 'test.event', config: { event: 'labelled' } },
        { id: 'work', type: 'test.record_effect', config: { label: '{{ trigger.data.label }}' } },
      ],
      edges: [{ from: 'start', to: 'work' }],
      settings: { reentry: 'parallel' },
    });
    const runIds: string[] = [];
    for (let round = 0; round < 15; round += 1) {
      const subject = `ordered:${round}`;
      await engine.transaction(async (db) => {
        for (const label of ['first', 'second', 'third'])
          runIds.push(...(await engine.emitInTransaction(db, { type: 'labelled', subject, data: { label } })).runIds);
      });
    }
    await Promise.all(runIds.map((runId) => waitForRun(engine, runId)));
    const rows = (
      await sql<{ subject: string; labels: string[] }>`
        select subject, array_agg(label order by started_at) as labels from test_effects where subject like 'ordered:%' group by subject
      `.execute(db)
    ).rows;
    expect(rows).toHaveLength(15);
    for (const row of rows) expect(row.labels, row.subject).toEqual(['first', 'second', 'third']);
  });
});
