import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorized, expectError, headersFor, makeDefinition, startTestApp, type TestApp } from '../test-app.ts';

let t: TestApp;
let editor: { authorization: string };
let editorName: string;
beforeAll(async () => {
  t = await startTestApp();
  editor = await headersFor(t, 'editor');
  editorName = (await t.app.inject({ method: 'GET', url: '/api/me', headers: editor })).json<{ user: { name: string } }>().user.name;
});
afterAll(() => t.close());

interface Draft {
  id: string;
  name: string;
  description: string | null;
  revision: number;
  draft: Record<string, unknown>;
  hasUnpublishedChanges: boolean;
  updatedBy: { id: string; name: string } | null;
  activeVersion: number | null;
  issues: unknown[];
}
interface Version {
  version: number;
  createdAt: string;
  note: string | null;
  publishedBy: { id: string; name: string } | null;
  definition: Record<string, unknown>;
}

const unknownUuid = '00000000-0000-4000-8000-000000000000';

function send(method: 'GET' | 'POST' | 'PUT', url: string, options: { payload?: Record<string, unknown>; headers?: Record<string, string> } = {}) {
  return t.app.inject({ method, url, headers: options.headers ?? authorized, ...(options.payload === undefined ? {} : { payload: options.payload }) });
}

async function create(definition: Record<string, unknown>): Promise<string> {
  const response = await send('POST', '/api/workflows', { payload: definition });
  expect(response.statusCode).toBe(201);
  return response.json<{ id: string }>().id;
}

async function versionsOf(id: string): Promise<Version[]> {
  return (await send('GET', `/api/workflows/${id}/versions`)).json<Version[]>();
}

describe('publishing with a note', () => {
  it('records the note and who published, answers them, and lists them newest first', async () => {
    const id = await create(makeDefinition({ type: 'test.on_manual' }));
    const first = await send('POST', `/api/workflows/${id}/publish`, { payload: { note: '  Primera versión: saludo  ' }, headers: editor });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      version: { version: 1, note: 'Primera versión: saludo', publishedBy: { name: editorName }, createdAt: expect.any(String) },
      workflow: { activeVersion: 1, hasUnpublishedChanges: false },
    });
    // No body at all, as before notes existed; a machine token publishes as no one.
    const second = await send('POST', `/api/workflows/${id}/publish`);
    expect(second.json()).toMatchObject({ version: { version: 2, note: null, publishedBy: null } });

    const versions = await versionsOf(id);
    expect(versions.map(({ version, note, publishedBy }) => ({ version, note, publisher: publishedBy?.name ?? null }))).toEqual([
      { version: 2, note: null, publisher: null },
      { version: 1, note: 'Primera versión: saludo', publisher: editorName },
    ]);
    expect(versions[1]?.createdAt).toBe(first.json<{ version: Version }>().version.createdAt);
  });

  it('keeps a whitespace-only note as none, and refuses one over 500 characters with its pointer', async () => {
    const id = await create(makeDefinition({ type: 'test.on_manual' }));
    expect((await send('POST', `/api/workflows/${id}/publish`, { payload: { note: ' \n ' } })).json()).toMatchObject({ version: { note: null } });
    const long = await send('POST', `/api/workflows/${id}/publish`, { payload: { note: 'ñ'.repeat(501) } });
    expect(expectError(long, 422, 'REQUEST_INVALID').issues).toEqual([expect.objectContaining({ path: '/note' })]);
    expect((await send('POST', `/api/workflows/${id}/publish`, { payload: { note: 'ñ'.repeat(500) } })).statusCode).toBe(200);
    expect((await versionsOf(id)).map((version) => version.version)).toEqual([2, 1]);
  });

  it('keeps node positions and sticky notes in the published version', async () => {
    const definition = makeDefinition(
      { type: 'test.on_manual' },
      {
        nodes: [
          { id: 'start', type: 'test.on_manual', config: {}, position: { x: 0, y: 0 } },
          { id: 'say', type: 'test.note', config: { text: 'hello' }, position: { x: 0, y: 160 } },
        ],
        notes: [{ id: 'why', text: 'Ask Ana before changing', x: 240, y: 40, color: 'pink' }],
      },
    );
    const id = await create(definition);
    await send('POST', `/api/workflows/${id}/publish`);
    expect((await versionsOf(id))[0]?.definition).toEqual(definition);
  });
});

describe('restoring a version as the draft', () => {
  it("makes the version's definition the next draft revision under the current name, leaving the active version alone", async () => {
    const v1 = makeDefinition({ type: 'test.on_manual' }, { name: 'Soporte', settings: { reentry: 'ignore' } });
    const id = await create(v1);
    await send('POST', `/api/workflows/${id}/publish`);
    const v2 = makeDefinition({ type: 'test.on_manual' }, { name: 'Soporte', settings: { reentry: 'restart' }, notes: [{ id: 'n', text: 'v2', x: 0, y: 0 }] });
    await send('PUT', `/api/workflows/${id}`, { payload: v2 });
    await send('POST', `/api/workflows/${id}/publish`);
    await send('PUT', `/api/workflows/${id}`, { payload: { ...v2, name: 'Soporte 24/7', description: 'Renamed since' } });

    const restored = await send('POST', `/api/workflows/${id}/versions/1/restore`, { headers: { ...editor, 'if-match': '"3"' } });
    expect(restored.statusCode).toBe(200);
    expect(restored.headers['etag']).toBe('"4"');
    const body = restored.json<Draft>();
    expect(body).toMatchObject({ name: 'Soporte 24/7', description: 'Renamed since', revision: 4, activeVersion: 2, hasUnpublishedChanges: true, issues: [] });
    expect(body.updatedBy?.name).toBe(editorName);
    expect(body.draft).toEqual({ ...v1, name: 'Soporte 24/7', description: 'Renamed since' });
    // The top level reads in the usual order, whatever order jsonb kept the version in.
    expect(Object.keys(body.draft)).toEqual(['name', 'description', 'nodes', 'edges', 'settings']);

    const got = (await send('GET', `/api/workflows/${id}`)).json<Draft>();
    expect(got).toMatchObject({ revision: 4, draft: body.draft });
    // Published with unpublished changes: publishing it makes version 3 with v1's content.
    const published = await send('POST', `/api/workflows/${id}/publish`);
    expect(published.json()).toMatchObject({ version: { version: 3 }, workflow: { hasUnpublishedChanges: false } });
  });

  it('restoring the active version leaves nothing to publish', async () => {
    const id = await create(makeDefinition({ type: 'test.on_manual' }));
    await send('POST', `/api/workflows/${id}/publish`);
    await send('PUT', `/api/workflows/${id}`, { payload: makeDefinition({ type: 'test.on_manual' }, { settings: { maxSteps: 5 } }) });
    const restored = await send('POST', `/api/workflows/${id}/versions/1/restore`);
    expect(restored.json()).toMatchObject({ revision: 3, hasUnpublishedChanges: false });
  });

  it('answers 404 WORKFLOW_VERSION_NOT_FOUND for a version that does not exist, 404 WORKFLOW_NOT_FOUND for a workflow, 422 for a number that is none', async () => {
    const id = await create(makeDefinition({ type: 'test.on_manual' }));
    expectError(await send('POST', `/api/workflows/${id}/versions/1/restore`), 404, 'WORKFLOW_VERSION_NOT_FOUND');
    expectError(await send('POST', `/api/workflows/${unknownUuid}/versions/1/restore`), 404, 'WORKFLOW_NOT_FOUND');
    expectError(await send('POST', '/api/workflows/not-a-uuid/versions/1/restore'), 404, 'WORKFLOW_NOT_FOUND');
    const zero = expectError(await send('POST', `/api/workflows/${id}/versions/0/restore`), 422, 'REQUEST_INVALID');
    expect(zero.issues).toEqual([expect.objectContaining({ path: '/params/version' })]);
    expectError(await send('POST', `/api/workflows/${id}/versions/one/restore`), 422, 'REQUEST_INVALID');
    expect((await send('GET', `/api/workflows/${id}`)).json()).toMatchObject({ revision: 1 });
  });

  it('refuses to restore into an archived workflow with 409 WORKFLOW_ARCHIVED', async () => {
    const id = await create(makeDefinition({ type: 'test.on_manual' }));
    await send('POST', `/api/workflows/${id}/publish`);
    await send('POST', `/api/workflows/${id}/archive`);
    expectError(await send('POST', `/api/workflows/${id}/versions/1/restore`), 409, 'WORKFLOW_ARCHIVED');
  });
});
