import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorized, makeDefinition, startTestApp, type TestApp } from '../test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

interface Verdict {
  ok: boolean;
  issues: { path: string; code: string; message: string }[];
}

async function validate(payload: string): Promise<{ statusCode: number; body: Verdict }> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/workflows/validate',
    headers: { ...authorized, 'content-type': 'application/json' },
    payload,
  });
  return { statusCode: response.statusCode, body: response.json<Verdict>() };
}

async function countWorkflows(): Promise<number> {
  return (await t.app.inject({ method: 'GET', url: '/api/workflows', headers: authorized })).json<unknown[]>().length;
}

describe('POST /api/workflows/validate', () => {
  it('answers ok with no issues for a definition that would publish, and saves nothing', async () => {
    const before = await countWorkflows();
    expect(await validate(JSON.stringify(makeDefinition({ type: 'test.on_manual' })))).toEqual({ statusCode: 200, body: { ok: true, issues: [] } });
    expect(await countWorkflows()).toBe(before);
  });

  it('returns every graph and config issue with its JSON Pointer, and saves nothing', async () => {
    const before = await countWorkflows();
    const definition = makeDefinition(
      { type: 'test.on_manual' },
      {
        nodes: [
          { id: 'start', type: 'test.on_manual', config: {} },
          { id: 'say', type: 'test.note', config: {} },
          { id: 'pick', type: 'test.choose', config: { options: ['yes', 'no'] } },
          { id: 'lost', type: 'test.note', config: { text: 'never reached' } },
        ],
        edges: [
          { from: 'start', to: 'pick' },
          { from: 'pick', port: 'maybe', to: 'say' },
        ],
      },
    );
    const { statusCode, body } = await validate(JSON.stringify(definition));
    expect(statusCode).toBe(200);
    expect(body.ok).toBe(false);
    expect(body.issues.map((issue) => [issue.path, issue.code])).toEqual(
      expect.arrayContaining([
        ['/nodes/1/config/text', 'CONFIG_INVALID'],
        ['/edges/1/port', 'GRAPH_UNKNOWN_PORT'],
        ['/nodes/3', 'GRAPH_UNREACHABLE_NODE'],
      ]),
    );
    expect(body.issues.find((issue) => issue.code === 'GRAPH_UNKNOWN_PORT')?.message).toContain('has ports yes, no');
    expect(await countWorkflows()).toBe(before);
  });

  it('reports a document that is not a definition as issues, still with 200', async () => {
    const { statusCode, body } = await validate(JSON.stringify({ name: '', nodes: [{ id: 'a', type: 'Bad Type', config: {} }] }));
    expect(statusCode).toBe(200);
    expect(body.ok).toBe(false);
    expect(body.issues.map((issue) => issue.path)).toEqual(expect.arrayContaining(['/name', '/nodes/0/type', '/edges']));
    expect(body.issues.every((issue) => issue.code === 'DEFINITION_INVALID')).toBe(true);
  });

  it('reports JSON that is not an object as an issue at the document', async () => {
    const { statusCode, body } = await validate('[1, 2]');
    expect(statusCode).toBe(200);
    expect(body).toEqual({ ok: false, issues: [expect.objectContaining({ path: '', code: 'DEFINITION_INVALID' })] });
  });

  it('says the same as publishing does', async () => {
    const definition = makeDefinition({ type: 'test.on_manual' }, { edges: [{ from: 'start', port: 'nope', to: 'say' }] });
    const created = await t.app.inject({ method: 'POST', url: '/api/workflows', headers: authorized, payload: definition });
    const published = await t.app.inject({ method: 'POST', url: `/api/workflows/${created.json<{ id: string }>().id}/publish`, headers: authorized });
    expect(published.statusCode).toBe(422);
    expect((await validate(JSON.stringify(definition))).body.issues).toEqual(published.json<{ issues: unknown[] }>().issues);
  });
});
