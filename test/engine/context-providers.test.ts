import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corePack } from '@switchboard/nodes-core';
import { defineContextProvider, type RunInfo } from '@switchboard/engine/sdk';
import { publish, startTestEngine, type TestEngine, waitForRun } from '../support/test-engine.ts';

/** Counts its loads per run, so a test can tell which steps asked for it. */
function countingProvider(name: string, provides: readonly string[] | undefined, values: Readonly<Record<string, unknown>>) {
  const loads = new Map<string, number>();
  const provider = defineContextProvider({
    name,
    ...(provides === undefined ? {} : { provides }),
    async load(_db, run: RunInfo) {
      loads.set(run.id, (loads.get(run.id) ?? 0) + 1);
      return values;
    },
  });
  return { provider, loadsOf: (runId: string) => loads.get(runId) ?? 0 };
}

const branchThenGreet = (event: string, branchPath: string) => ({
  name: `Branch on ${branchPath}`,
  nodes: [
    { id: 'start', type: 'core.event', config: { event } },
    { id: 'check', type: 'core.branch', config: { branches: [{ id: 'known', match: 'all', conditions: [{ path: branchPath, operator: 'exists' }] }] } },
    { id: 'plain', type: 'core.set_variable', config: { assignments: [{ name: 'plan', value: 'basic' }] } },
    { id: 'greet', type: 'core.set_variable', config: { assignments: [{ name: 'greeting', value: 'Hola {{ contact.name }}' }] } },
  ],
  edges: [
    { from: 'start', to: 'check' },
    { from: 'check', port: 'known', to: 'plain' },
    { from: 'check', port: 'else', to: 'plain' },
    { from: 'plain', to: 'greet' },
  ],
});

describe('context providers', () => {
  const contact = countingProvider('crm', ['contact'], { contact: { name: 'Ana' } });
  const legacy = countingProvider('legacy', undefined, { legacy: true });
  let harness: TestEngine;
  beforeAll(async () => {
    harness = await startTestEngine({ nodes: [...corePack], contextProviders: [contact.provider, legacy.provider] });
  });
  afterAll(() => harness?.close());

  it('loads a provider only for the steps that read its roots', async () => {
    await publish(harness.engine, branchThenGreet('ctx.vars', 'trigger.data.plan'));
    const { runIds } = await harness.engine.emit({ type: 'ctx.vars', subject: 'conversation:1', data: { plan: 'pro' } });
    const { run, steps } = await waitForRun(harness.engine, runIds[0] as string);
    expect(steps.find((step) => step.nodeId === 'check')?.port).toBe('known');
    // The branch on trigger data and the step without templates read no `contact`: only `greet` loads it.
    expect(run.vars).toMatchObject({ plan: 'basic', greeting: 'Hola Ana' });
    expect(contact.loadsOf(run.id)).toBe(1);
    // A provider that does not say what it provides is still loaded for every step.
    expect(legacy.loadsOf(run.id)).toBe(3);
  });

  it('loads a provider for a branch whose condition paths read its roots', async () => {
    await publish(harness.engine, branchThenGreet('ctx.contact', 'contact.name'));
    const { runIds } = await harness.engine.emit({ type: 'ctx.contact', subject: 'conversation:2' });
    const { run, steps } = await waitForRun(harness.engine, runIds[0] as string);
    expect(steps.find((step) => step.nodeId === 'check')?.port).toBe('known');
    expect(contact.loadsOf(run.id)).toBe(2);
  });
});
