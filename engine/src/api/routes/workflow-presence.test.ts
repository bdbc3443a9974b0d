import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTestDatabase, type TestSchema } from '../../../../test/support/test-database.ts';
import { createEngine } from '../../engine.ts';
import { createLogger } from '../../logger.ts';
import { deletePresenceBefore } from '../../store/presence.ts';
import { createServer } from '../create-server.ts';
import { authorized, expectError, headersFor, makeDefinition, startTestApp, type TestApp } from '../test-app.ts';
import { testNodes } from '../test-nodes.ts';

let now = new Date('2026-12-02T10:00:00.000Z');
let t: TestApp & { readonly schema: TestSchema };
beforeAll(async () => {
  t = await startTestApp({ clock: () => now });
});
afterAll(() => t.close());

const unknownUuid = '00000000-0000-4000-8000-000000000000';

interface Viewer {
  id: string;
  name: string;
  since: string;
}

async function person(role: 'editor' | 'viewer' | 'agent') {
  const headers = await headersFor(t, role);
  const { user } = (await t.app.inject({ method: 'GET', url: '/api/me', headers })).json<{ user: { id: string; name: string } }>();
  return { headers, id: user.id, name: user.name };
}

async function createWorkflow(): Promise<string> {
  const response = await t.app.inject({ method: 'POST', url: '/api/workflows', headers: authorized, payload: makeDefinition({ type: 'test.on_manual' }) });
  return response.json<{ id: string }>().id;
}

async function heartbeat(workflowId: string, headers: Record<string, string>): Promise<Viewer[]> {
  const response = await t.app.inject({ method: 'POST', url: `/api/workflows/${workflowId}/presence`, headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ viewers: Viewer[] }>().viewers;
}

function advance(seconds: number): void {
  now = new Date(now.getTime() + seconds * 1000);
}

describe('who else has a workflow open', () => {
  it('answers the others seen in the last 30 s, never the caller, in the order they came', async () => {
    const [ana, luis, marta] = [await person('editor'), await person('viewer'), await person('editor')];
    const id = await createWorkflow();
    const opened = now.toISOString();
    expect(await heartbeat(id, ana.headers)).toEqual([]);
    advance(5);
    expect(await heartbeat(id, luis.headers)).toEqual([{ id: ana.id, name: ana.name, since: opened }]);
    advance(5);
    expect(await heartbeat(id, marta.headers)).toEqual([
      { id: ana.id, name: ana.name, since: opened },
      { id: luis.id, name: luis.name, since: new Date(Date.parse(opened) + 5000).toISOString() },
    ]);
    // Another workflow has its own viewers.
    expect(await heartbeat(await createWorkflow(), ana.headers)).toEqual([]);
  });

  it('drops someone whose heartbeats stopped more than 30 s ago, and starts a new stretch when they come back', async () => {
    const [ana, luis] = [await person('editor'), await person('editor')];
    const id = await createWorkflow();
    await heartbeat(id, ana.headers);
    advance(15);
    await heartbeat(id, ana.headers);
    advance(30);
    // Ana's last heartbeat is exactly 30 s old: still there, since her first one.
    expect((await heartbeat(id, luis.headers)).map((viewer) => viewer.name)).toEqual([ana.name]);
    advance(1);
    expect(await heartbeat(id, luis.headers)).toEqual([]);
    const back = now.toISOString();
    await heartbeat(id, ana.headers);
    expect(await heartbeat(id, luis.headers)).toEqual([{ id: ana.id, name: ana.name, since: back }]);
  });

  it('forgets someone at once when they close the editor', async () => {
    const [ana, luis] = [await person('editor'), await person('viewer')];
    const id = await createWorkflow();
    await heartbeat(id, ana.headers);
    const closed = await t.app.inject({ method: 'DELETE', url: `/api/workflows/${id}/presence`, headers: ana.headers });
    expect(closed.statusCode).toBe(204);
    expect(await heartbeat(id, luis.headers)).toEqual([]);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/workflows/${id}/presence`, headers: ana.headers })).statusCode).toBe(204);
  });

  it('refuses a machine token with 409 NOT_A_PERSON and an unknown workflow with 404', async () => {
    const id = await createWorkflow();
    expectError(await t.app.inject({ method: 'POST', url: `/api/workflows/${id}/presence`, headers: authorized }), 409, 'NOT_A_PERSON');
    expectError(await t.app.inject({ method: 'DELETE', url: `/api/workflows/${id}/presence`, headers: authorized }), 409, 'NOT_A_PERSON');
    const { headers } = await person('viewer');
    expectError(await t.app.inject({ method: 'POST', url: `/api/workflows/${unknownUuid}/presence`, headers }), 404, 'WORKFLOW_NOT_FOUND');
    expectError(await t.app.inject({ method: 'POST', url: '/api/workflows/nope/presence', headers }), 404, 'WORKFLOW_NOT_FOUND');
  });

  it('is shared by every api process: another engine and server on the same database see the heartbeats', async () => {
    const engine = createEngine({
      databaseUrl: t.schema.databaseUrl,
      schema: t.schema.schema,
      nodes: testNodes,
      runWorkers: false,
      clock: () => now,
      logger: createLogger('warn', {}, () => undefined),
    });
    await engine.start();
    const other = await createServer(engine, { logger: false });
    try {
      const [ana, luis] = [await person('editor'), await person('viewer')];
      const id = await createWorkflow();
      await heartbeat(id, ana.headers);
      const response = await other.inject({ method: 'POST', url: `/api/workflows/${id}/presence`, headers: luis.headers });
      expect(response.json<{ viewers: Viewer[] }>().viewers.map((viewer) => viewer.id)).toEqual([ana.id]);
      expect((await heartbeat(id, ana.headers)).map((viewer) => viewer.id)).toEqual([luis.id]);
    } finally {
      await other.close();
      await engine.stop({ timeoutMs: 1_000 });
    }
  });

  it('deletes, for the retention pass, only heartbeats older than its cutoff', async () => {
    const db = connectTestDatabase(t.schema);
    try {
      const ana = await person('editor');
      const id = await createWorkflow();
      await heartbeat(id, ana.headers);
      const rows = () => db.selectFrom('workflow_presence').select('user_id').where('workflow_id', '=', id).execute();
      await deletePresenceBefore(db, new Date(now.getTime() - 1000));
      expect(await rows()).toEqual([{ user_id: ana.id }]);
      expect(await deletePresenceBefore(db, new Date(now.getTime() + 1000))).toBeGreaterThanOrEqual(1);
      expect(await rows()).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});
