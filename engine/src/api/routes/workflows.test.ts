import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorized, expectError, headersFor, makeDefinition, startTestApp, type TestApp } from '../test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

interface WorkflowBody {
  id: string;
  name: string;
  status: string;
  activeVersion: number | null;
  draft: unknown;
  createdAt: string;
  issues: { path: string; code: string; message: string }[];
}

async function createWorkflow(definition: unknown): Promise<WorkflowBody> {
  const response = await t.app.inject({ method: 'POST', url: '/api/workflows', headers: authorized, payload: definition as Record<string, unknown> });
  expect(response.statusCode).toBe(201);
  return response.json<WorkflowBody>();
}

async function countWorkflows(): Promise<number> {
  return (await t.app.inject({ method: 'GET', url: '/api/workflows', headers: authorized })).json<unknown[]>().length;
}

const unknownUuid = '00000000-0000-4000-8000-000000000000';

describe('POST /api/workflows', () => {
  it('creates a draft and returns it with no issues when it can be published', async () => {
    const definition = makeDefinition({ type: 'test.on_manual' });
    const workflow = await createWorkflow(definition);
    expect(workflow).toMatchObject({ name: 'Test flow', description: null, status: 'draft', activeVersion: null, draft: definition, issues: [] });
    expect(new Date(workflow.createdAt).toISOString()).toBe(workflow.createdAt);
  });

  it('saves a draft with graph problems and returns them as issues', async () => {
    const workflow = await createWorkflow(makeDefinition({ type: 'test.on_manual' }, { edges: [{ from: 'start', port: 'nope', to: 'say' }] }));
    expect(workflow.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: '/edges/0/port', code: 'GRAPH_UNKNOWN_PORT' })]));
  });

  it('rejects a document that is not a definition with 422 DEFINITION_INVALID and writes nothing', async () => {
    const before = await countWorkflows();
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/workflows',
      headers: authorized,
      payload: { name: '', nodes: [{ id: 'a', type: 'Bad Type', config: {} }] },
    });
    const body = expectError(response, 422, 'DEFINITION_INVALID');
    expect(body.issues?.map((issue) => issue.path)).toEqual(expect.arrayContaining(['/name', '/nodes/0/type', '/edges']));
    expect(await countWorkflows()).toBe(before);
  });

  it('rejects a body that is not an object with 422 REQUEST_INVALID', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/workflows',
      headers: { ...authorized, 'content-type': 'application/json' },
      payload: '[1, 2]',
    });
    expectError(response, 422, 'REQUEST_INVALID');
  });
});

describe('reading and updating workflows', () => {
  it('answers 404 WORKFLOW_NOT_FOUND for unknown ids, uuid or not', async () => {
    for (const id of [unknownUuid, 'not-a-uuid']) {
      expectError(await t.app.inject({ method: 'GET', url: `/api/workflows/${id}`, headers: authorized }), 404, 'WORKFLOW_NOT_FOUND');
      expectError(
        await t.app.inject({ method: 'PUT', url: `/api/workflows/${id}`, headers: authorized, payload: makeDefinition({ type: 'test.on_manual' }) }),
        404,
        'WORKFLOW_NOT_FOUND',
      );
      expectError(await t.app.inject({ method: 'POST', url: `/api/workflows/${id}/publish`, headers: authorized }), 404, 'WORKFLOW_NOT_FOUND');
      expectError(await t.app.inject({ method: 'POST', url: `/api/workflows/${id}/stop`, headers: authorized }), 404, 'WORKFLOW_NOT_FOUND');
      expectError(await t.app.inject({ method: 'GET', url: `/api/workflows/${id}/versions`, headers: authorized }), 404, 'WORKFLOW_NOT_FOUND');
      expectError(await t.app.inject({ method: 'POST', url: `/api/workflows/${id}/runs`, headers: authorized, payload: {} }), 404, 'WORKFLOW_NOT_FOUND');
    }
  });

  it('gets, lists and replaces a draft', async () => {
    const created = await createWorkflow(makeDefinition({ type: 'test.on_manual' }));
    const got = await t.app.inject({ method: 'GET', url: `/api/workflows/${created.id}`, headers: authorized });
    expect(got.json()).toMatchObject({ id: created.id, draft: created.draft });
    const list = (await t.app.inject({ method: 'GET', url: '/api/workflows', headers: authorized })).json<{ id: string }[]>();
    expect(list.map((workflow) => workflow.id)).toContain(created.id);

    const renamed = makeDefinition({ type: 'test.on_manual' }, { name: 'Renamed', description: 'Now with a description' });
    const put = await t.app.inject({ method: 'PUT', url: `/api/workflows/${created.id}`, headers: authorized, payload: renamed });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ id: created.id, name: 'Renamed', description: 'Now with a description', draft: renamed, issues: [] });
  });
});

describe('renaming and duplicating', () => {
  it('renames with PATCH: only the name changes, keys in their order, as the next revision by the caller', async () => {
    const editor = await headersFor(t, 'editor');
    const definition = makeDefinition({ type: 'test.on_manual' }, { settings: { reentry: 'restart' } });
    const workflow = await createWorkflow(definition);
    const response = await t.app.inject({ method: 'PATCH', url: `/api/workflows/${workflow.id}`, headers: editor, payload: { name: 'Ventas · turno noche' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['etag']).toBe('"2"');
    const renamed = response.json<WorkflowBody & { revision: number; updatedBy: { name: string } | null; draft: Record<string, unknown> }>();
    expect(renamed).toMatchObject({ name: 'Ventas · turno noche', revision: 2, updatedBy: { name: expect.stringMatching(/^editor /) }, issues: [] });
    expect(JSON.stringify(renamed.draft)).toBe(JSON.stringify({ ...definition, name: 'Ventas · turno noche' }));
  });

  it('refuses an empty name, an archived workflow and an unknown one', async () => {
    const workflow = await createWorkflow(makeDefinition({ type: 'test.on_manual' }));
    const patch = (id: string, payload: Record<string, unknown>) =>
      t.app.inject({ method: 'PATCH', url: `/api/workflows/${id}`, headers: authorized, payload });
    expect(expectError(await patch(workflow.id, { name: '' }), 422, 'REQUEST_INVALID').issues).toEqual([expect.objectContaining({ path: '/name' })]);
    expectError(await patch(workflow.id, { name: 'x'.repeat(201) }), 422, 'REQUEST_INVALID');
    expectError(await patch(unknownUuid, { name: 'Nobody' }), 404, 'WORKFLOW_NOT_FOUND');
    await t.app.inject({ method: 'POST', url: `/api/workflows/${workflow.id}/archive`, headers: authorized });
    expectError(await patch(workflow.id, { name: 'Archived' }), 409, 'WORKFLOW_ARCHIVED');
  });

  it('duplicates a workflow as a new draft named "<name> (copy)", or the name given, leaving the original as it was', async () => {
    const definition = makeDefinition({ type: 'test.on_manual' }, { name: 'Bienvenida', notes: [{ id: 'n1', text: 'Hola', x: 0, y: 0 }] });
    const original = await createWorkflow(definition);
    await t.app.inject({ method: 'POST', url: `/api/workflows/${original.id}/publish`, headers: authorized });

    const copy = await t.app.inject({ method: 'POST', url: `/api/workflows/${original.id}/duplicate`, headers: authorized });
    expect(copy.statusCode).toBe(201);
    expect(copy.headers['etag']).toBe('"1"');
    const body = copy.json<WorkflowBody & { revision: number }>();
    expect(body).toMatchObject({
      name: 'Bienvenida (copy)',
      status: 'draft',
      activeVersion: null,
      revision: 1,
      draft: { ...definition, name: 'Bienvenida (copy)' },
      issues: [],
    });
    expect(body.id).not.toBe(original.id);
    const versions = await t.app.inject({ method: 'GET', url: `/api/workflows/${body.id}/versions`, headers: authorized });
    expect(versions.json()).toEqual([]);

    const named = await t.app.inject({
      method: 'POST',
      url: `/api/workflows/${original.id}/duplicate`,
      headers: authorized,
      payload: { name: 'Bienvenida (copia)' },
    });
    expect(named.json()).toMatchObject({ name: 'Bienvenida (copia)' });
    const got = await t.app.inject({ method: 'GET', url: `/api/workflows/${original.id}`, headers: authorized });
    expect(got.json()).toMatchObject({ name: 'Bienvenida', status: 'active', revision: 1 });
  });

  it('shortens a long name before " (copy)" so the copy stays within 200 characters', async () => {
    // 200 characters, the last ten outside the BMP: the cut falls between two of them, never inside one.
    const original = await createWorkflow(makeDefinition({ type: 'test.on_manual' }, { name: `${'a'.repeat(190)}${'🙂'.repeat(10)}` }));
    const copy = await t.app.inject({ method: 'POST', url: `/api/workflows/${original.id}/duplicate`, headers: authorized });
    expect(copy.statusCode).toBe(201);
    const { name } = copy.json<WorkflowBody>();
    expect(name).toBe(`${'a'.repeat(190)}🙂🙂🙂 (copy)`);
    expect(Array.from(name)).toHaveLength(200);
  });

  it('duplicates an archived workflow and answers 404 for an unknown one', async () => {
    const original = await createWorkflow(makeDefinition({ type: 'test.on_manual' }, { name: 'Old campaign' }));
    await t.app.inject({ method: 'POST', url: `/api/workflows/${original.id}/archive`, headers: authorized });
    const copy = await t.app.inject({ method: 'POST', url: `/api/workflows/${original.id}/duplicate`, headers: authorized, payload: {} });
    expect(copy.json()).toMatchObject({ name: 'Old campaign (copy)', archivedAt: null });
    expectError(await t.app.inject({ method: 'POST', url: `/api/workflows/${unknownUuid}/duplicate`, headers: authorized }), 404, 'WORKFLOW_NOT_FOUND');
  });
});

describe('publishing', () => {
  it("rejects a draft with an unknown port with 422 and the edge's pointer, publishing nothing", async () => {
    const workflow = await createWorkflow(makeDefinition({ type: 'test.on_manual' }, { edges: [{ from: 'start', port: 'closed_today', to: 'say' }] }));
    const response = await t.app.inject({ method: 'POST', url: `/api/workflows/${workflow.id}/publish`, headers: authorized });
    const body = expectError(response, 422, 'GRAPH_UNKNOWN_PORT');
    expect(body.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: '/edges/0/port', code: 'GRAPH_UNKNOWN_PORT' })]));
    const versions = await t.app.inject({ method: 'GET', url: `/api/workflows/${workflow.id}/versions`, headers: authorized });
    expect(versions.json()).toEqual([]);
  });

  it('publishes numbered versions, lists them newest first, and stops', async () => {
    const first = makeDefinition({ type: 'test.on_manual' });
    const workflow = await createWorkflow(first);
    const published = await t.app.inject({ method: 'POST', url: `/api/workflows/${workflow.id}/publish`, headers: authorized });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ workflow: { id: workflow.id, status: 'active', activeVersion: 1 }, version: { version: 1 } });

    const second = makeDefinition({ type: 'test.on_manual' }, { name: 'Second' });
    await t.app.inject({ method: 'PUT', url: `/api/workflows/${workflow.id}`, headers: authorized, payload: second });
    await t.app.inject({ method: 'POST', url: `/api/workflows/${workflow.id}/publish`, headers: authorized });

    const versions = (await t.app.inject({ method: 'GET', url: `/api/workflows/${workflow.id}/versions`, headers: authorized })).json<
      { version: number; definition: unknown; createdAt: string }[]
    >();
    expect(versions.map(({ version, definition }) => ({ version, definition }))).toEqual([
      { version: 2, definition: second },
      { version: 1, definition: first },
    ]);

    const stopped = await t.app.inject({ method: 'POST', url: `/api/workflows/${workflow.id}/stop`, headers: authorized });
    expect(stopped.json()).toMatchObject({ status: 'stopped', activeVersion: 2 });
  });
});

describe('POST /api/workflows/:id/runs', () => {
  it('answers 409 WORKFLOW_NOT_ACTIVE for a workflow that is not published', async () => {
    const workflow = await createWorkflow(makeDefinition({ type: 'test.on_manual' }));
    expectError(
      await t.app.inject({ method: 'POST', url: `/api/workflows/${workflow.id}/runs`, headers: authorized, payload: {} }),
      409,
      'WORKFLOW_NOT_ACTIVE',
    );
  });

  it('starts a run with its input and subject', async () => {
    const workflow = await createWorkflow(makeDefinition({ type: 'test.on_manual' }));
    await t.app.inject({ method: 'POST', url: `/api/workflows/${workflow.id}/publish`, headers: authorized });
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/workflows/${workflow.id}/runs`,
      headers: authorized,
      payload: { input: { orderId: 7 }, subject: 'order:7' },
    });
    expect(response.statusCode).toBe(201);
    const { runId, started } = response.json<{ runId: string; started: boolean }>();
    expect(started).toBe(true);
    const run = await t.app.inject({ method: 'GET', url: `/api/runs/${runId}`, headers: authorized });
    expect(run.json()).toMatchObject({ run: { id: runId, workflowId: workflow.id, version: 1, subject: 'order:7', trigger: { orderId: 7 } } });
  });

  it('answers 200 with the run in flight when re-entry is ignored', async () => {
    const workflow = await createWorkflow(makeDefinition({ type: 'test.on_manual' }, { settings: { reentry: 'ignore' } }));
    await t.app.inject({ method: 'POST', url: `/api/workflows/${workflow.id}/publish`, headers: authorized });
    const first = await t.app.inject({
      method: 'POST',
      url: `/api/workflows/${workflow.id}/runs`,
      headers: authorized,
      payload: { subject: 'conversation:1' },
    });
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/workflows/${workflow.id}/runs`,
      headers: authorized,
      payload: { subject: 'conversation:1' },
    });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ runId: first.json<{ runId: string }>().runId, started: false });
  });

  it('rejects unknown body fields and a non-object input with pointers', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/workflows/${unknownUuid}/runs`,
      headers: authorized,
      payload: { input: 'x', subjct: 'typo' },
    });
    const body = expectError(response, 422, 'REQUEST_INVALID');
    expect(body.issues?.map((issue) => issue.path).sort()).toEqual(['/input', '/subjct']);
  });
});
