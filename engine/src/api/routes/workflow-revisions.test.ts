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
  revision: number;
}

const definitionNamed = (name: string) => makeDefinition({ type: 'test.on_manual' }, { name });

async function createWorkflow(): Promise<WorkflowBody> {
  const response = await t.app.inject({ method: 'POST', url: '/api/workflows', headers: authorized, payload: definitionNamed('First') });
  expect(response.statusCode).toBe(201);
  expect(response.headers['etag']).toBe('"1"');
  return response.json<WorkflowBody>();
}

function put(id: string, name: string, ifMatch?: string, headers: Record<string, string> = authorized) {
  return t.app.inject({
    method: 'PUT',
    url: `/api/workflows/${id}`,
    headers: { ...headers, ...(ifMatch === undefined ? {} : { 'if-match': ifMatch }) },
    payload: definitionNamed(name),
  });
}

async function get(id: string) {
  const response = await t.app.inject({ method: 'GET', url: `/api/workflows/${id}`, headers: authorized });
  return { etag: response.headers['etag'], body: response.json<WorkflowBody>() };
}

describe('draft revisions', () => {
  it('starts a draft at revision 1 and returns it with its ETag', async () => {
    const { id } = await createWorkflow();
    expect(await get(id)).toMatchObject({ etag: '"1"', body: { revision: 1 } });
  });

  it('saves over the revision named in If-Match and bumps it', async () => {
    const { id } = await createWorkflow();
    const response = await put(id, 'Second', '"1"');
    expect(response.statusCode).toBe(200);
    expect(response.headers['etag']).toBe('"2"');
    expect(response.json<WorkflowBody>()).toMatchObject({ name: 'Second', revision: 2 });
    expect(await get(id)).toMatchObject({ etag: '"2"', body: { name: 'Second', revision: 2 } });
  });

  it('refuses a stale write with 409 WORKFLOW_REVISION_CONFLICT and the current revision, writing nothing', async () => {
    const { id } = await createWorkflow();
    expect((await put(id, 'Second', '"1"')).statusCode).toBe(200);
    const stale = await put(id, 'Stale', '"1"');
    expect(stale.statusCode).toBe(409);
    expect(stale.headers['etag']).toBe('"2"');
    expect(stale.json()).toEqual({
      statusCode: 409,
      code: 'WORKFLOW_REVISION_CONFLICT',
      message: expect.stringContaining('is at revision 2, not 1'),
      currentRevision: 2,
      updatedAt: expect.any(String),
      updatedBy: null,
    });
    expect((await get(id)).body).toMatchObject({ name: 'Second', revision: 2 });
  });

  it('accepts any revision of an If-Match list, and * as no precondition', async () => {
    const { id } = await createWorkflow();
    expect((await put(id, 'Listed', '"7", "1"')).statusCode).toBe(200);
    expect((await put(id, 'Any', '*')).json<WorkflowBody>()).toMatchObject({ name: 'Any', revision: 3 });
  });

  it('keeps saving without If-Match (last write wins) and still bumps the revision', async () => {
    const { id } = await createWorkflow();
    expect((await put(id, 'Second')).json<WorkflowBody>().revision).toBe(2);
    expect((await put(id, 'Third')).json<WorkflowBody>()).toMatchObject({ name: 'Third', revision: 3 });
  });

  it('refuses an If-Match that is not a revision with 422 REQUEST_INVALID', async () => {
    const { id } = await createWorkflow();
    const body = expectError(await put(id, 'Weak', 'W/"1"'), 422, 'REQUEST_INVALID');
    expect(body.issues).toEqual([expect.objectContaining({ path: '/headers/if-match' })]);
    expect((await get(id)).body.revision).toBe(1);
  });

  it('refuses an If-Match past any revision a draft can reach with its path, not a database error', async () => {
    const { id } = await createWorkflow();
    const body = expectError(await put(id, 'Huge', '"2147483648"'), 422, 'REQUEST_INVALID');
    expect(body.issues).toEqual([expect.objectContaining({ path: '/headers/if-match' })]);
    expect((await put(id, 'Largest', '"2147483647"')).statusCode).toBe(409);
  });

  it('answers 404 for a missing workflow whatever If-Match says', async () => {
    expectError(await put('00000000-0000-4000-8000-000000000000', 'Nobody', '"1"'), 404, 'WORKFLOW_NOT_FOUND');
  });

  it('lets exactly one of concurrent writers holding the same revision win', async () => {
    const { id } = await createWorkflow();
    const writers = Array.from({ length: 12 }, (_, index) => put(id, `Writer ${index}`, '"1"'));
    const responses = await Promise.all(writers);
    const winners = responses.filter((response) => response.statusCode === 200);
    expect(winners).toHaveLength(1);
    expect(responses.filter((response) => response.statusCode === 409)).toHaveLength(11);
    for (const loser of responses.filter((response) => response.statusCode === 409)) expect(loser.json()).toMatchObject({ currentRevision: 2 });
    expect((await get(id)).body).toMatchObject({ name: winners[0]?.json<WorkflowBody>().name, revision: 2 });
  });
});

describe('who saved the revision a stale write lost to', () => {
  it('names the person and the time in the 409, in the message and as fields', async () => {
    const ana = await headersFor(t, 'editor');
    const me = (await t.app.inject({ method: 'GET', url: '/api/me', headers: ana })).json<{ user: { id: string; name: string } }>().user;
    const { id } = await createWorkflow();
    const saved = await put(id, 'Second', '"1"', ana);
    const savedAt = saved.json<{ updatedAt: string }>().updatedAt;
    expect(saved.json()).toMatchObject({ revision: 2, updatedBy: { id: me.id, name: me.name } });

    const stale = await put(id, 'Stale', '"1"');
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ currentRevision: 2, updatedAt: savedAt, updatedBy: { id: me.id, name: me.name } });
    expect(stale.json<{ message: string }>().message).toContain(`saved by ${me.name} at ${savedAt}`);
  });

  it('answers the same 409 to a stale rename and a stale restore, writing nothing', async () => {
    const { id } = await createWorkflow();
    expect((await t.app.inject({ method: 'POST', url: `/api/workflows/${id}/publish`, headers: authorized })).statusCode).toBe(200);
    expect((await put(id, 'Second', '"1"')).statusCode).toBe(200);
    const rename = await t.app.inject({
      method: 'PATCH',
      url: `/api/workflows/${id}`,
      headers: { ...authorized, 'if-match': '"1"' },
      payload: { name: 'Late' },
    });
    const restore = await t.app.inject({ method: 'POST', url: `/api/workflows/${id}/versions/1/restore`, headers: { ...authorized, 'if-match': '"1"' } });
    for (const response of [rename, restore]) {
      expect(response.statusCode).toBe(409);
      expect(response.headers['etag']).toBe('"2"');
      expect(response.json()).toMatchObject({ code: 'WORKFLOW_REVISION_CONFLICT', currentRevision: 2, updatedBy: null });
    }
    expect((await get(id)).body).toMatchObject({ name: 'Second', revision: 2 });
  });
});
