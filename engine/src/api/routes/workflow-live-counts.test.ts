import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTestDatabase } from '../../../../test/support/test-database.ts';
import { runLiveCountsPass } from '../../runtime/live-counts-pass.ts';
import { runRetentionPass } from '../../runtime/run-retention-pass.ts';
import type { DB } from '../../store/database.ts';
import { authorized, expectError, startTestApp, type TestApp } from '../test-app.ts';

let t: TestApp & { schema: { databaseUrl: string; schema: string } };
let db: Kysely<DB>;
let workflowId: string;
const now = new Date('2026-01-01T12:02:00Z');
const minutesAgo = (minutes: number): Date => new Date(now.getTime() - minutes * 60_000);

async function addRun(version: number, status: string, cursorNode: string | null, finishedAt: Date | null = null): Promise<string> {
  const result = await sql<{ id: string }>`
    insert into runs (workflow_id, version, status, trigger_data, cursor_node, finished_at)
    values (${workflowId}, ${version}, ${status}, '{}', ${cursorNode}, ${finishedAt}) returning id
  `.execute(db);
  return result.rows[0]?.id ?? '';
}

async function addStep(runId: string, nodeId: string, visit: number, port: string | null, finishedAt: Date): Promise<void> {
  await sql`
    insert into steps (run_id, node_id, node_type, visit, attempt, status, port, started_at, finished_at)
    values (${runId}, ${nodeId}, 'test.choose', ${visit}, 1, ${port === null ? 'waiting' : 'completed'}, ${port}, ${finishedAt}, ${port === null ? null : finishedAt})
  `.execute(db);
}

type Counts = { window: string; since: string; nodes: Record<string, { running: number; waiting: number; ports: Record<string, number> }> };

async function counts(window: string): Promise<Counts> {
  const response = await t.app.inject({ method: 'GET', url: `/api/workflows/${workflowId}/live-counts?window=${window}`, headers: authorized });
  expect(response.statusCode).toBe(200);
  return response.json<Counts>();
}

beforeAll(async () => {
  t = await startTestApp({ clock: () => now });
  db = connectTestDatabase(t.schema) as Kysely<DB>;
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/workflows',
    headers: authorized,
    payload: {
      name: 'Live counts flow',
      nodes: [
        { id: 'start', type: 'test.on_manual', config: {} },
        { id: 'ask', type: 'test.choose', config: { options: ['yes', 'no', 'later'] } },
      ],
      edges: [{ from: 'start', to: 'ask' }],
    },
  });
  workflowId = created.json<{ id: string }>().id;
  expect((await t.app.inject({ method: 'POST', url: `/api/workflows/${workflowId}/publish`, headers: authorized })).statusCode).toBe(200);
  // A second published version, made from the first: counts go by node id across versions.
  await db.transaction().execute(async (trx) => {
    await sql`create temp table next_version on commit drop as select * from workflow_versions where workflow_id = ${workflowId}`.execute(trx);
    await sql`update next_version set version = 2`.execute(trx);
    await sql`insert into workflow_versions select * from next_version`.execute(trx);
  });

  const waitingV1 = await addRun(1, 'waiting', 'ask');
  const waitingV2 = await addRun(2, 'waiting', 'ask');
  const running = await addRun(2, 'running', 'start');
  const done = await addRun(1, 'completed', null, minutesAgo(2 * 24 * 60));
  await addStep(waitingV1, 'start', 1, 'next', minutesAgo(10));
  await addStep(waitingV1, 'ask', 1, null, minutesAgo(10));
  await addStep(waitingV2, 'start', 1, 'next', minutesAgo(3 * 60));
  await addStep(waitingV2, 'ask', 1, 'no', minutesAgo(3 * 60));
  await addStep(waitingV2, 'ask', 2, null, minutesAgo(3 * 60));
  await addStep(running, 'start', 1, 'next', minutesAgo(30));
  await addStep(done, 'ask', 1, 'yes', minutesAgo(2 * 24 * 60));
  await addStep(done, 'start', 1, 'next', minutesAgo(8 * 24 * 60));
});
afterAll(async () => {
  await db.destroy();
  await t.close();
});

const expected = {
  '1h': { start: { running: 1, waiting: 0, ports: { next: 2 } }, ask: { running: 0, waiting: 2, ports: {} } },
  '24h': { start: { running: 1, waiting: 0, ports: { next: 3 } }, ask: { running: 0, waiting: 2, ports: { no: 1 } } },
  '7d': { start: { running: 1, waiting: 0, ports: { next: 3 } }, ask: { running: 0, waiting: 2, ports: { no: 1, yes: 1 } } },
} as const;

describe('GET /api/workflows/:id/live-counts', () => {
  it('counts runs at each node and departures by port in each window, across versions', async () => {
    const hour = await counts('1h');
    expect(hour).toEqual({ window: '1h', since: '2026-01-01T11:00:00.000Z', nodes: expected['1h'] });
    expect((await counts('24h')).nodes).toEqual(expected['24h']);
    expect((await counts('7d')).nodes).toEqual(expected['7d']);
  });

  it('answers the same once departures are rolled up, however often the pass runs', async () => {
    await runLiveCountsPass(db, now);
    await runLiveCountsPass(db, now);
    const rolled = await sql<{ total: string }>`select coalesce(sum(count), 0) as total from step_departures`.execute(db);
    // Everything but the 8-day-old step and what finished in the last two minutes' bucket.
    expect(Number(rolled.rows[0]?.total)).toBe(5);
    for (const window of ['1h', '24h', '7d'] as const) expect((await counts(window)).nodes).toEqual(expected[window]);
  });

  it('keeps the departures of runs that retention deletes', async () => {
    const result = await runRetentionPass(db, now, { retentionDays: 1 });
    expect(result.runs).toBe(1);
    expect((await counts('7d')).nodes).toEqual(expected['7d']);
  });

  it('answers 404 for an unknown workflow and 422 for a window it does not know', async () => {
    expectError(
      await t.app.inject({ method: 'GET', url: '/api/workflows/00000000-0000-4000-8000-000000000000/live-counts', headers: authorized }),
      404,
      'WORKFLOW_NOT_FOUND',
    );
    const bad = expectError(
      await t.app.inject({ method: 'GET', url: `/api/workflows/${workflowId}/live-counts?window=2h`, headers: authorized }),
      422,
      'REQUEST_INVALID',
    );
    expect(bad.issues?.map((issue) => issue.path)).toEqual(['/query/window']);
  });
});
