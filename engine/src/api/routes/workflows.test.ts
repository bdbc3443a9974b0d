import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorized, expectError, makeDefinition, startTestApp, type TestApp } from '../test-app.ts';

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
