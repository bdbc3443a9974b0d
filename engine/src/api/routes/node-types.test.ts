import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorized, startTestApp, type TestApp } from '../test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('GET /api/node-types', () => {
  it('lists every installed node type with its config schema and ports', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/node-types', headers: authorized });
    expect(response.statusCode).toBe(200);
    const types = response.json<Record<string, unknown>[]>();
    expect(types.map((type) => type['type'])).toEqual(['test.on_event', 'test.on_webhook', 'test.on_manual', 'test.note', 'test.choose']);
    expect(types.find((type) => type['type'] === 'test.on_webhook')).toMatchObject({
      kind: 'trigger',
      triggerSource: 'webhook',
      ports: ['next'],
      portsFromConfig: false,
      configSchema: { type: 'object', required: ['secret'] },
    });
    expect(types.find((type) => type['type'] === 'test.note')).toMatchObject({ kind: 'step', effects: 'database', waits: false, ports: ['next'] });
  });

  it('reports ports and waits that depend on the config as null', async () => {
    const types = (await t.app.inject({ method: 'GET', url: '/api/node-types', headers: authorized })).json<Record<string, unknown>[]>();
    expect(types.find((type) => type['type'] === 'test.choose')).toMatchObject({ ports: null, portsFromConfig: true, waits: null });
  });
});
