/**
 * Archive, restore and delete, through the real API server with workers: an
 * archived workflow starts nothing while its run in flight finishes, it leaves
 * the default list, and only a workflow that never ran can be deleted. The draft
 * comes back as it was sent, with its issues.
 */
import { corePack } from '@switchboard/nodes-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../../engine/src/api/create-server.ts';
import { seedAdminToken } from '../../engine/src/api/auth.ts';
import { connectTestDatabase } from '../support/test-database.ts';
import { updateWorkflowDraft } from '../../engine/src/store/workflows.ts';
import { draftNotUpdated } from '../../engine/src/draft-not-updated.ts';
import { startTestEngine, type TestEngine, waitForRun } from '../support/test-engine.ts';

type Server = Awaited<ReturnType<typeof createServer>>;
const headers = { authorization: 'Bearer lifecycle-token' };

/** Starts on an event, then waits for `order.paid` on the same subject. */
function orderFlow(name: string): Record<string, unknown> {
  return {
    name,
    nodes: [
      { id: 'start', type: 'core.event', config: { event: 'order.created' } },
      { id: 'paid', type: 'core.wait', config: { mode: 'event', event: 'order.paid', timeoutAmount: 1, timeoutUnit: 'days' } },
    ],
    edges: [{ from: 'start', to: 'paid' }],
  };
}

describe('workflow archive, restore and delete', () => {
  let harness: TestEngine;
  let app: Server;

  beforeAll(async () => {
    harness = await startTestEngine({ nodes: corePack });
    await seedAdminToken(harness.engine, { adminToken: 'lifecycle-token', tokenFile: '/nonexistent/unused', log: () => undefined });
    app = await createServer(harness.engine, { logger: false });
  });
  afterAll(async () => {
    await app?.close();
    await harness?.close();
  });

  async function send(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) {
    return app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  }

  async function published(name: string): Promise<string> {
    const created = await send('POST', '/api/workflows', orderFlow(name));
    const { id } = created.json<{ id: string }>();
    expect((await send('POST', `/api/workflows/${id}/publish`)).statusCode).toBe(200);
    return id;
  }

  it('archives a workflow: its trigger starts nothing, its run in flight finishes, and it leaves the default list', async () => {
    const id = await published('Archived orders');
    const first = await harness.engine.emit({ type: 'order.created', subject: 'order:a1' });
    expect(first.runIds).toHaveLength(1);
    const [runId] = first.runIds as [string];
    await waitForRun(harness.engine, runId, ['waiting']);

    const archived = await send('POST', `/api/workflows/${id}/archive`);
    expect(archived.statusCode).toBe(200);
    expect(archived.json()).toMatchObject({ id, status: 'stopped', archivedAt: expect.any(String) });

    // The trigger is gone: a matching event starts no run.
    expect((await harness.engine.emit({ type: 'order.created', subject: 'order:a2' })).runIds).toEqual([]);
    // The run in flight was not cancelled: the event it waits for moves it to the end.
    await harness.engine.emit({ type: 'order.paid', subject: 'order:a1' });
    expect((await waitForRun(harness.engine, runId, ['completed'])).run.status).toBe('completed');

    const listed = (await send('GET', '/api/workflows')).json<{ id: string }[]>().map((workflow) => workflow.id);
    const archivedList = (await send('GET', '/api/workflows?archived=true')).json<{ id: string }[]>().map((workflow) => workflow.id);
    expect(listed).not.toContain(id);
    expect(archivedList).toEqual([id]);
  });

  it('refuses to edit or publish an archived workflow, and restores it as a stopped draft that can be published again', async () => {
    const id = await published('Restored orders');
    await send('POST', `/api/workflows/${id}/archive`);

    const edit = await send('PUT', `/api/workflows/${id}`, orderFlow('Renamed'));
    expect({ status: edit.statusCode, code: edit.json().code }).toEqual({ status: 409, code: 'WORKFLOW_ARCHIVED' });
    expect(edit.json().message).toContain(`POST /api/workflows/${id}/restore`);
    const publish = await send('POST', `/api/workflows/${id}/publish`);
    expect({ status: publish.statusCode, code: publish.json().code }).toEqual({ status: 409, code: 'WORKFLOW_ARCHIVED' });

    const restored = await send('POST', `/api/workflows/${id}/restore`);
    expect(restored.json()).toMatchObject({ id, status: 'stopped', archivedAt: null, activeVersion: 1 });
    expect((await send('GET', '/api/workflows')).json<{ id: string }[]>().map((workflow) => workflow.id)).toContain(id);
    // Stopped: nothing starts until it is published again.
    expect((await harness.engine.emit({ type: 'order.created', subject: 'order:r1' })).runIds).toEqual([]);
    expect((await send('POST', `/api/workflows/${id}/publish`)).json().version.version).toBe(2);
    expect((await harness.engine.emit({ type: 'order.created', subject: 'order:r2' })).runIds).toHaveLength(1);
  });

  it('saves no draft over a workflow archived after the editor read it, and answers WORKFLOW_ARCHIVED', async () => {
    const id = await published('Archived mid-edit');
    const before = (await send('GET', `/api/workflows/${id}`)).json<{ revision: number }>();
    // The archive commits between the editor's read and its write: the write itself must see it.
    const db = connectTestDatabase(harness.schema);
    try {
      await db.updateTable('workflows').set({ archived_at: new Date() }).where('id', '=', id).execute();
      const written = await updateWorkflowDraft(db, id, { name: 'Renamed', description: null, draft: orderFlow('Renamed') });
      expect(written).toBeUndefined();
      const error = await draftNotUpdated(db, id, undefined);
      expect(error.code).toBe('WORKFLOW_ARCHIVED');
      const row = await db.selectFrom('workflows').select(['name', 'revision']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(row).toEqual({ name: 'Archived mid-edit', revision: before.revision });
    } finally {
      await db.destroy();
    }
  });

  it('deletes a published workflow that never ran, with its versions and trigger', async () => {
    const id = await published('Never ran');
    const deleted = await send('DELETE', `/api/workflows/${id}`);
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');
    expect((await send('GET', `/api/workflows/${id}`)).statusCode).toBe(404);
    const db = connectTestDatabase(harness.schema);
    try {
      expect(await db.selectFrom('workflow_versions').select('version').where('workflow_id', '=', id).execute()).toEqual([]);
      expect(await db.selectFrom('triggers').select('workflow_id').where('workflow_id', '=', id).execute()).toEqual([]);
    } finally {
      await db.destroy();
    }
    expect((await harness.engine.emit({ type: 'order.created', subject: 'order:d0' })).runIds).not.toContain(id);
  });

  it('refuses to delete a workflow that has runs with 409 WORKFLOW_HAS_RUNS pointing at archive, and keeps it', async () => {
    const id = await published('Ran once');
    const [runId] = (await harness.engine.emit({ type: 'order.created', subject: 'order:d1' })).runIds as [string];
    await waitForRun(harness.engine, runId, ['waiting']);
    await send('POST', `/api/workflows/${id}/stop`);

    const refused = await send('DELETE', `/api/workflows/${id}`);
    expect(refused.json()).toMatchObject({ statusCode: 409, code: 'WORKFLOW_HAS_RUNS' });
    expect(refused.json().message).toContain(`POST /api/workflows/${id}/archive`);
    expect((await send('GET', `/api/workflows/${id}`)).statusCode).toBe(200);
    expect((await harness.engine.getRun(runId)).run.id).toBe(runId);
  });

  it('returns the draft with its keys in the order they were sent', async () => {
    // jsonb would answer `{ "a": ..., "zeta": ... }` (shorter keys first); the draft is stored as sent.
    const draft = {
      settings: { reentry: 'ignore' },
      name: 'Key order',
      edges: [{ to: 'paid', from: 'start' }],
      nodes: orderFlow('x')['nodes'],
      description: 'kept',
    };
    const text = JSON.stringify(draft);
    const created = await app.inject({ method: 'POST', url: '/api/workflows', headers: { ...headers, 'content-type': 'application/json' }, payload: text });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json<{ id: string }>();
    const got = await send('GET', `/api/workflows/${id}`);
    expect(JSON.stringify(got.json().draft)).toBe(text);
    expect(Object.keys(got.json().draft)).toEqual(['settings', 'name', 'edges', 'nodes', 'description']);
  });

  it("returns the draft's issues with GET", async () => {
    const created = await send('POST', '/api/workflows', { ...orderFlow('With issues'), edges: [{ from: 'start', port: 'nope', to: 'paid' }] });
    const { id } = created.json<{ id: string }>();
    const got = await send('GET', `/api/workflows/${id}`);
    expect(got.statusCode).toBe(200);
    expect(got.json().issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: '/edges/0/port', code: 'GRAPH_UNKNOWN_PORT' })]));
    const clean = (await send('POST', '/api/workflows', orderFlow('Clean'))).json<{ id: string }>();
    expect((await send('GET', `/api/workflows/${clean.id}`)).json().issues).toEqual([]);
  });
});
