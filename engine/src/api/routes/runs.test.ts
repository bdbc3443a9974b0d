import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorized, expectError, makeDefinition, startTestApp, type TestApp } from '../test-app.ts';

let t: TestApp;
let workflowId: string;
let triggerOnlyId: string;

async function publish(definition: Record<string, unknown>): Promise<string> {
  const created = await t.app.inject({ method: 'POST', url: '/api/workflows', headers: authorized, payload: definition });
  const id = created.json<{ id: string }>().id;
  await t.app.inject({ method: 'POST', url: `/api/workflows/${id}/publish`, headers: authorized });
  return id;
}

async function startRun(id: string, subject?: string): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/workflows/${id}/runs`,
    headers: authorized,
    payload: subject === undefined ? {} : { subject },
  });
  return response.json<{ runId: string }>().runId;
}

beforeAll(async () => {
  t = await startTestApp();
  workflowId = await publish(makeDefinition({ type: 'test.on_manual' }, { settings: { reentry: 'parallel' } }));
  // A run of a lone trigger completes as it starts.
  triggerOnlyId = await publish({ name: 'Only a trigger', nodes: [{ id: 'start', type: 'test.on_manual', config: {} }], edges: [] });
});
afterAll(() => t.close());

const unknownUuid = '00000000-0000-4000-8000-000000000000';

interface RunPage {
  runs: { id: string; workflowId: string; subject: string | null; status: string }[];
  nextCursor: string | null;
}

describe('GET /api/runs', () => {
  it('pages through runs newest first with an opaque cursor', async () => {
    const started: string[] = [];
    for (let index = 0; index < 5; index += 1) started.push(await startRun(workflowId, `page:${index}`));
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `workflowId=${workflowId}&limit=2${cursor === null ? '' : `&before=${cursor}`}`;
      const page: RunPage = (await t.app.inject({ method: 'GET', url: `/api/runs?${query}`, headers: authorized })).json<RunPage>();
      seen.push(...page.runs.map((run) => run.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 10);
    expect(seen.filter((id) => started.includes(id))).toEqual([...started].reverse());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('filters by status and subject', async () => {
    const runId = await startRun(triggerOnlyId, 'filter:me');
    const page = (await t.app.inject({ method: 'GET', url: '/api/runs?status=completed&subject=filter:me', headers: authorized })).json<RunPage>();
    expect(page.runs.map((run) => run.id)).toEqual([runId]);
    expect(page.nextCursor).toBeNull();
  });

  it('rejects a cursor it did not issue and a workflowId that is not a uuid, with pointers', async () => {
    const badCursor = expectError(await t.app.inject({ method: 'GET', url: '/api/runs?before=bm9wZQ', headers: authorized }), 422, 'REQUEST_INVALID');
    expect(badCursor.issues?.map((issue) => issue.path)).toEqual(['/query/before']);
    const badWorkflow = expectError(await t.app.inject({ method: 'GET', url: '/api/runs?workflowId=abc', headers: authorized }), 422, 'REQUEST_INVALID');
    expect(badWorkflow.issues?.map((issue) => issue.path)).toEqual(['/query/workflowId']);
  });
});

describe('GET /api/runs/:id', () => {
  it('returns the run with its steps and waits', async () => {
    const runId = await startRun(triggerOnlyId);
    const response = await t.app.inject({ method: 'GET', url: `/api/runs/${runId}`, headers: authorized });
    expect(response.statusCode).toBe(200);
    const body = response.json<{
      run: { id: string; status: string; finishedAt: string | null };
      steps: { nodeId: string; port: string | null; status: string }[];
      waits: unknown[];
    }>();
    expect(body.run).toMatchObject({ id: runId, status: 'completed', error: null });
    expect(body.run.finishedAt).not.toBeNull();
    expect(body.steps).toEqual([expect.objectContaining({ nodeId: 'start', port: 'next', status: 'completed' })]);
    expect(body.waits).toEqual([]);
  });

  it('answers 404 RUN_NOT_FOUND for unknown ids, uuid or not', async () => {
    for (const id of [unknownUuid, 'not-a-uuid']) {
      expectError(await t.app.inject({ method: 'GET', url: `/api/runs/${id}`, headers: authorized }), 404, 'RUN_NOT_FOUND');
      expectError(await t.app.inject({ method: 'POST', url: `/api/runs/${id}/cancel`, headers: authorized }), 404, 'RUN_NOT_FOUND');
    }
  });
});

describe('POST /api/runs/:id/cancel', () => {
  it('cancels a run in flight and returns it', async () => {
    const runId = await startRun(workflowId);
    const response = await t.app.inject({ method: 'POST', url: `/api/runs/${runId}/cancel`, headers: authorized });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: runId, status: 'cancelled' });
  });

  it('answers 409 RUN_NOT_CANCELLABLE for a finished run', async () => {
    const runId = await startRun(triggerOnlyId);
    expectError(await t.app.inject({ method: 'POST', url: `/api/runs/${runId}/cancel`, headers: authorized }), 409, 'RUN_NOT_CANCELLABLE');
  });
});
