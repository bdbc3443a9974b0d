import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTestDatabase } from '../../../../test/support/test-database.ts';
import { authorized, expectError, headersFor, makeDefinition, startTestApp, type TestApp } from '../test-app.ts';
import type { TestSchema } from '../../../../test/support/test-database.ts';

let t: TestApp & { readonly schema: TestSchema };
let db: ReturnType<typeof connectTestDatabase>;
beforeAll(async () => {
  t = await startTestApp();
  db = connectTestDatabase(t.schema);
});
afterAll(async () => {
  await db?.destroy();
  await t?.close();
});

interface Summary {
  id: string;
  name: string;
  status: string;
  activeVersion: number | null;
  revision: number;
  updatedAt: string;
  updatedBy: { id: string; name: string } | null;
  hasUnpublishedChanges: boolean;
  runsLast24Hours: { total: number; failed: number; capped: boolean };
  draft?: unknown;
}

const definitionNamed = (name: string, overrides: Record<string, unknown> = {}) => makeDefinition({ type: 'test.on_manual' }, { name, ...overrides });

async function create(name: string, headers: Record<string, string> = authorized): Promise<string> {
  const response = await t.app.inject({ method: 'POST', url: '/api/workflows', headers, payload: definitionNamed(name) });
  expect(response.statusCode).toBe(201);
  return response.json<{ id: string }>().id;
}

async function send(method: 'POST' | 'PUT', url: string, payload?: Record<string, unknown>, headers: Record<string, string> = authorized) {
  const response = await t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response;
}

async function list(query = ''): Promise<Summary[]> {
  const response = await t.app.inject({ method: 'GET', url: `/api/workflows${query}`, headers: authorized });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Summary[]>();
}

async function summaryOf(id: string): Promise<Summary | undefined> {
  return (await list()).find((workflow) => workflow.id === id);
}

/** Runs of version 1 of a workflow, started `hoursAgo`, as a worker would have left them. */
async function insertRuns(workflowId: string, count: number, options: { status: 'completed' | 'failed' | 'running'; hoursAgo: number }): Promise<void> {
  await sql`
    insert into runs (workflow_id, version, status, trigger_data, created_at, updated_at)
    select ${workflowId}::uuid, 1, ${options.status}, '{}'::jsonb, now() - make_interval(hours => ${options.hoursAgo}), now()
    from generate_series(1, ${count}::int)
  `.execute(db);
}

describe('GET /api/workflows for the list screen', () => {
  it('leaves the draft out and says who saved it last and when', async () => {
    const editor = await headersFor(t, 'editor');
    const me = (await t.app.inject({ method: 'GET', url: '/api/me', headers: editor })).json<{ user: { id: string; name: string } }>().user;
    const byToken = await create('Saved by a machine token');
    const byPerson = await create('Saved by a person', editor);

    const machine = await summaryOf(byToken);
    expect(machine).toMatchObject({ name: 'Saved by a machine token', updatedBy: null, status: 'draft', hasUnpublishedChanges: false });
    expect(machine).not.toHaveProperty('draft');
    expect(await summaryOf(byPerson)).toMatchObject({ updatedBy: { id: me.id, name: me.name } });

    // Saving over it names the latest author; publishing and stopping are not saves and leave it.
    const saved = await send('PUT', `/api/workflows/${byPerson}`, definitionNamed('Saved by a person, then a token'));
    await send('POST', `/api/workflows/${byPerson}/publish`, undefined, editor);
    await send('POST', `/api/workflows/${byPerson}/stop`, undefined, editor);
    expect(await summaryOf(byPerson)).toMatchObject({ updatedBy: null, updatedAt: saved.json<{ updatedAt: string }>().updatedAt });
  });

  it('names the person signed in with a session cookie as the one who saved', async () => {
    const user = await t.engine.people.createUser({
      name: 'Lucía Pérez',
      email: 'lucia@example.com',
      role: 'editor',
      language: 'es',
      password: 'a long enough password',
    });
    const browser = { host: 'switchboard.test', origin: 'http://switchboard.test' };
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: browser,
      payload: { email: 'lucia@example.com', password: 'a long enough password' },
    });
    const cookie = `sb_session=${signIn.cookies.find((one) => one.name === 'sb_session')?.value ?? ''}`;
    const id = await create('Saved from a browser', { ...browser, cookie });
    expect(await summaryOf(id)).toMatchObject({ updatedBy: { id: user.id, name: 'Lucía Pérez' } });
  });

  it('tells a published workflow with unpublished changes from one without, and forgets them when a save puts back what is published', async () => {
    const id = await create('Unpublished changes');
    await send('POST', `/api/workflows/${id}/publish`);
    expect(await summaryOf(id)).toMatchObject({ status: 'active', activeVersion: 1, hasUnpublishedChanges: false });

    const changed = definitionNamed('Unpublished changes', { settings: { reentry: 'restart' } });
    await send('PUT', `/api/workflows/${id}`, changed);
    expect(await summaryOf(id)).toMatchObject({ status: 'active', hasUnpublishedChanges: true });
    const got = await t.app.inject({ method: 'GET', url: `/api/workflows/${id}`, headers: authorized });
    expect(got.json()).toMatchObject({ hasUnpublishedChanges: true, revision: 2 });

    // An undo that puts the published content back: nothing left to publish.
    await send('PUT', `/api/workflows/${id}`, definitionNamed('Unpublished changes'));
    expect(await summaryOf(id)).toMatchObject({ revision: 3, hasUnpublishedChanges: false });

    // A rename alone is not a change to publish.
    await send('PUT', `/api/workflows/${id}`, definitionNamed('Renamed only', { description: 'And described' }));
    expect(await summaryOf(id)).toMatchObject({ name: 'Renamed only', hasUnpublishedChanges: false });

    await send('PUT', `/api/workflows/${id}`, changed);
    await send('POST', `/api/workflows/${id}/stop`);
    expect(await summaryOf(id)).toMatchObject({ status: 'stopped', hasUnpublishedChanges: true });
    const published = await send('POST', `/api/workflows/${id}/publish`);
    expect(published.json()).toMatchObject({ workflow: { status: 'active', activeVersion: 2, hasUnpublishedChanges: false } });
  });

  it("counts each workflow's runs of the last 24 hours and the failures among them", async () => {
    const busy = await create('Busy');
    const quiet = await create('Quiet');
    await send('POST', `/api/workflows/${busy}/publish`);
    await send('POST', `/api/workflows/${quiet}/publish`);
    await insertRuns(busy, 5, { status: 'completed', hoursAgo: 1 });
    await insertRuns(busy, 2, { status: 'failed', hoursAgo: 23 });
    await insertRuns(busy, 1, { status: 'running', hoursAgo: 0 });
    // Older than the window: not counted, failed or not.
    await insertRuns(busy, 4, { status: 'failed', hoursAgo: 25 });
    await insertRuns(quiet, 3, { status: 'completed', hoursAgo: 30 });

    expect((await summaryOf(busy))?.runsLast24Hours).toEqual({ total: 8, failed: 2, capped: false });
    expect((await summaryOf(quiet))?.runsLast24Hours).toEqual({ total: 0, failed: 0, capped: false });
    expect((await summaryOf(await create('Never published')))?.runsLast24Hours).toEqual({ total: 0, failed: 0, capped: false });
  });

  it('stops counting at 10,000 runs and says so', async () => {
    const id = await create('Very busy');
    await send('POST', `/api/workflows/${id}/publish`);
    await insertRuns(id, 10_000, { status: 'completed', hoursAgo: 2 });
    expect((await summaryOf(id))?.runsLast24Hours).toEqual({ total: 10_000, failed: 0, capped: false });
    await insertRuns(id, 1, { status: 'failed', hoursAgo: 2 });
    expect((await summaryOf(id))?.runsLast24Hours).toEqual({ total: 10_000, failed: 1, capped: true });
  });

  it('finds workflows by part of their name in any case, taking % and _ literally', async () => {
    const a = await create('Ventas: round robin');
    const b = await create('Soporte 100% humano');
    const c = await create('Soporte_nocturno');
    const ids = (workflows: Summary[]) => workflows.map((workflow) => workflow.id);
    expect(ids(await list('?query=VENTAS'))).toEqual([a]);
    expect(ids(await list('?query=soporte'))).toEqual([c, b]);
    expect(ids(await list(`?query=${encodeURIComponent('100%')}`))).toEqual([b]);
    expect(ids(await list('?query=e_n'))).toEqual([c]);
    expect(ids(await list('?query=te%20n'))).toEqual([]);
    expect(await list('?query=')).toHaveLength((await list()).length);
  });

  it('filters by status and by unpublished changes', async () => {
    const draft = await create('Filter: draft');
    const active = await create('Filter: active');
    const changed = await create('Filter: active with changes');
    const stopped = await create('Filter: stopped');
    for (const id of [active, changed, stopped]) await send('POST', `/api/workflows/${id}/publish`);
    await send('PUT', `/api/workflows/${changed}`, definitionNamed('Filter: active with changes', { settings: { maxSteps: 10 } }));
    await send('POST', `/api/workflows/${stopped}/stop`);

    const names = async (query: string) => (await list(`?query=Filter:&${query}`)).map((workflow) => workflow.id).sort();
    expect(await names('status=draft')).toEqual([draft]);
    expect(await names('status=active')).toEqual([active, changed].sort());
    expect(await names('status=stopped')).toEqual([stopped]);
    expect(await names('status=active&hasUnpublishedChanges=true')).toEqual([changed]);
    expect(await names('hasUnpublishedChanges=false')).toEqual([draft, active, stopped].sort());
  });

  it('refuses an unknown status with 422 REQUEST_INVALID and its pointer', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/workflows?status=published', headers: authorized });
    expect(expectError(response, 422, 'REQUEST_INVALID').issues).toEqual([expect.objectContaining({ path: '/query/status' })]);
  });
});
