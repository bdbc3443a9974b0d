import { createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corePack } from '@switchboard/nodes-core';
import { publish, startTestEngine, type TestEngine, waitForRun } from '../support/test-engine.ts';
import { startTestBoss } from '../support/test-boss.ts';
import type { PgBoss } from '../../engine/src/runtime/queue.ts';

describe('triggers', () => {
  let harness: TestEngine;
  let boss: PgBoss;
  beforeAll(async () => {
    harness = await startTestEngine({ nodes: [...corePack], secretsKey: { current: randomBytes(32) } });
    boss = await startTestBoss(harness.schema);
  });
  afterAll(async () => {
    await boss?.stop({ graceful: false, close: true });
    await harness?.close();
  });

  it('starts a webhook run only with a valid HMAC signature, keyed with a stored secret', async () => {
    const { engine } = harness;
    await engine.putSecret('ORDER_WEBHOOK', 's3cret');
    const workflowId = await publish(engine, {
      name: 'Signed hook',
      nodes: [
        { id: 'hook', type: 'core.webhook', config: { secret: '{{ secrets.ORDER_WEBHOOK }}', subjectPath: 'order.id' } },
        { id: 'keep', type: 'core.set_variable', config: { assignments: [{ name: 'total', value: '{{ trigger.body.order.total }}', type: 'number' }] } },
      ],
      edges: [{ from: 'hook', to: 'keep' }],
    });
    const rawBody = JSON.stringify({ order: { id: 'o-1', total: 30 } });
    const signature = `sha256=${createHmac('sha256', 's3cret').update(rawBody).digest('hex')}`;
    const request = (headers: Record<string, string>) => engine.runWebhook(workflowId, { headers, rawBody, body: JSON.parse(rawBody) });
    await expect(request({})).rejects.toMatchObject({ code: 'WEBHOOK_SIGNATURE_INVALID', status: 401 });
    await expect(request({ 'x-switchboard-signature': 'sha256=00' })).rejects.toMatchObject({ code: 'WEBHOOK_SIGNATURE_INVALID' });
    const { runId } = await request({ 'x-switchboard-signature': signature, authorization: 'Bearer hidden' });
    const { run } = await waitForRun(engine, runId);
    expect(run).toMatchObject({ subject: 'o-1', vars: { total: 30 } });
    expect(JSON.stringify(run.trigger)).not.toContain('hidden');
    expect(await engine.listRuns({ workflowId })).toHaveLength(1);
  });

  it('registers a cron schedule on publish and removes it on stop', async () => {
    const { engine } = harness;
    const workflowId = await publish(engine, {
      name: 'Every morning',
      nodes: [
        { id: 'tick', type: 'core.schedule', config: { cron: '0 9 * * 1-5', timezone: 'America/Mexico_City' } },
        { id: 'mark', type: 'core.set_variable', config: { assignments: [{ name: 'ran', value: true }] } },
      ],
      edges: [{ from: 'tick', to: 'mark' }],
    });
    const schedule = await boss.getSchedule('switchboard-schedule', workflowId);
    expect(schedule).toMatchObject({ cron: '0 9 * * 1-5', timezone: 'America/Mexico_City' });
    // A tick, as pg-boss's cron would send it.
    await boss.send('switchboard-schedule', { workflowId });
    const deadline = Date.now() + 10_000;
    while ((await engine.listRuns({ workflowId })).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const [run] = await engine.listRuns({ workflowId });
    expect((await waitForRun(engine, run?.id as string)).run.vars).toEqual({ ran: true });
    await engine.stopWorkflow(workflowId);
    expect(await boss.getSchedule('switchboard-schedule', workflowId)).toBeNull();
  });

  it('starts a run by hand and from another workflow, linking parent and child', async () => {
    const { engine } = harness;
    const child = await publish(engine, {
      name: 'Child',
      nodes: [
        { id: 'in', type: 'core.manual', config: {} },
        { id: 'echo', type: 'core.set_variable', config: { assignments: [{ name: 'got', value: '{{ trigger.greeting }}' }] } },
      ],
      edges: [{ from: 'in', to: 'echo' }],
    });
    const parent = await publish(engine, {
      name: 'Parent',
      nodes: [
        { id: 'in', type: 'core.manual', config: {} },
        { id: 'call', type: 'core.trigger_workflow', config: { workflowId: child, input: { greeting: 'hola {{ trigger.name }}' } } },
      ],
      edges: [{ from: 'in', to: 'call' }],
    });
    const { runId } = await engine.startManualRun(parent, { name: 'Ana' }, 'contact:1');
    const { steps } = await waitForRun(engine, runId);
    const childRunId = (steps.find((step) => step.nodeId === 'call')?.output as { runId: string } | undefined)?.runId;
    const { run } = await waitForRun(engine, childRunId as string);
    expect(run).toMatchObject({ parentRunId: runId, subject: 'contact:1', vars: { got: 'hola Ana' } });
  });

  it('refuses a manual start of a workflow that is not published', async () => {
    const { engine } = harness;
    const { workflow } = await engine.createWorkflow({ name: 'Draft only', nodes: [{ id: 'in', type: 'core.manual', config: {} }], edges: [] });
    await expect(engine.startManualRun(workflow.id, {}, null)).rejects.toMatchObject({ code: 'WORKFLOW_NOT_ACTIVE', status: 409 });
  });
});
