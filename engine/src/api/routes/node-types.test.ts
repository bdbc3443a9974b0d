import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { branch } from '../../../../nodes/core/branch.ts';
import { wait } from '../../../../nodes/core/wait.ts';
import { portRuleSchema, type PortRule } from '../../graph/port-rule.ts';
import { portsForConfig } from '../../graph/ports-for-config.ts';
import { authorized, startTestApp, type TestApp } from '../test-app.ts';
import { testNodes } from '../test-nodes.ts';

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

  it('returns ports that depend on the config as their rule, which portsForConfig evaluates', async () => {
    const types = (await t.app.inject({ method: 'GET', url: '/api/node-types', headers: authorized })).json<Record<string, unknown>[]>();
    const choose = types.find((type) => type['type'] === 'test.choose');
    expect(choose).toMatchObject({ ports: [{ kind: 'per_item', items: '/options', name: '' }], portsFromConfig: true, waits: null });
    expect(portsForConfig(choose?.['ports'] as PortRule, { options: ['now', 'later'] })).toEqual(['now', 'later']);
  });

  it('returns the rules of core.branch and core.wait as data', async () => {
    const t2 = await startTestApp({ nodes: [...testNodes, branch, wait] });
    try {
      const types = (await t2.app.inject({ method: 'GET', url: '/api/node-types', headers: authorized })).json<Record<string, unknown>[]>();
      const rule = (type: string) => types.find((candidate) => candidate['type'] === type)?.['ports'] as PortRule;
      expect(rule('core.branch')).toEqual([{ kind: 'per_item', items: '/branches', name: '/id' }, 'else']);
      expect(portsForConfig(rule('core.branch'), { branches: [{ id: 'vip' }, { id: 'rest' }] })).toEqual(['vip', 'rest', 'else']);
      expect(portsForConfig(rule('core.wait'), { mode: 'event' })).toEqual(['received', 'timeout']);
      expect(portsForConfig(rule('core.wait'), { mode: 'duration' })).toEqual(['next']);
    } finally {
      await t2.close();
    }
  });

  it('describes the port rule in the OpenAPI document', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json<{
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    }>();
    const ports = document.components.schemas['NodeType']?.properties['ports'] as { type: string; items: { anyOf: { required?: string[] }[] } };
    expect(ports.type).toBe(portRuleSchema.type);
    expect(ports.items.anyOf.map((option) => option.required ?? [])).toEqual([[], ['kind', 'items', 'name'], ['kind', 'on', 'cases', 'default']]);
  });
});
