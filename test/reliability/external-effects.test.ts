import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corePack } from '@switchboard/nodes-core';
import { defineNode, Type } from '@switchboard/engine/sdk';
import { connectTestDatabase } from '../support/test-database.ts';
import { publish, startTestEngine, type TestEngine, waitForRun } from '../support/test-engine.ts';
import { testEvent } from '../support/test-nodes.ts';

/**
 * An outside call that also tries to emit (or start a workflow) from where it
 * runs, outside any transaction; asks for a retry on its first attempt, the way
 * a call that timed out would.
 */
const callThenEmit = defineNode({
  type: 'external.call_then_emit',
  title: 'Call then emit',
  category: 'Test',
  description: 'Emits an event, or starts a workflow, from an external step.',
  kind: 'step',
  effects: 'external',
  configSchema: Type.Object({
    call: Type.Union([Type.Literal('emit'), Type.Literal('startWorkflow'), Type.Literal('nothing')]),
    workflowId: Type.String({ default: '' }),
  }),
  ports: ['next'],
  async run(ctx) {
    if (ctx.config.call === 'emit') await ctx.emit({ type: 'child.started', subject: ctx.run.subject, data: { from: ctx.run.id } });
    else if (ctx.config.call === 'startWorkflow') await ctx.startWorkflow(ctx.config.workflowId, { from: ctx.run.id });
    if (ctx.attempt === 1) return ctx.retry(10, { code: 'STEP_UPSTREAM_FAILED', kind: 'operational', message: 'try once more' });
    return ctx.next('next');
  },
});

/** Emits from a database step: the event and the runs it starts commit with the step, once. */
const emitInTransaction = defineNode({
  type: 'external.emit_after',
  title: 'Emit after',
  category: 'Test',
  description: 'Emits an event from a database step.',
  kind: 'step',
  configSchema: Type.Object({}),
  ports: ['next'],
  async run(ctx) {
    const { runIds } = await ctx.emit({ type: 'child.started', subject: ctx.run.subject, data: { from: ctx.run.id } });
    return ctx.next('next', { runIds });
  },
});

describe("ctx.emit and ctx.startWorkflow in steps with effects 'external'", () => {
  let harness: TestEngine;
  let db: Kysely<any>;
  let childWorkflow: string;
  const children = async () =>
    Number((await sql<{ count: string }>`select count(*) from runs where workflow_id = ${childWorkflow}`.execute(db)).rows[0]?.count);

  beforeAll(async () => {
    harness = await startTestEngine({ nodes: [...corePack, testEvent, callThenEmit, emitInTransaction] });
    db = connectTestDatabase(harness.schema);
    childWorkflow = await publish(harness.engine, {
      name: 'Child',
      nodes: [
        { id: 'start', type: 'test.event', config: { event: 'child.started' } },
        { id: 'set', type: 'core.set_variable', config: { assignments: [{ name: 'child', value: true }] } },
      ],
      edges: [{ from: 'start', to: 'set' }],
    });
  });
  afterAll(async () => {
    await db?.destroy();
    await harness?.close();
  });

  it.each(['emit', 'startWorkflow'] as const)('fails the step with STEP_EFFECT_NOT_ALLOWED and starts nothing when it calls ctx.%s', async (call) => {
    const { engine } = harness;
    const parent = await publish(engine, {
      name: `External ${call}`,
      nodes: [
        { id: 'start', type: 'test.event', config: { event: `parent.${call}` } },
        { id: 'call', type: 'external.call_then_emit', config: { call, workflowId: childWorkflow } },
      ],
      edges: [{ from: 'start', to: 'call' }],
    });
    const before = await children();
    const runId = (await engine.emit({ type: `parent.${call}`, subject: `parent:${call}` })).runIds[0] as string;
    const { run, steps } = await waitForRun(engine, runId, ['failed']);
    expect(steps.find((step) => step.nodeId === 'call')).toMatchObject({ status: 'failed', attempt: 1, error: { code: 'STEP_EFFECT_NOT_ALLOWED' } });
    expect(run.error?.message).toContain(`called ctx.${call}(), which needs the step's transaction`);
    expect(run.error?.message).toContain("from a following step with effects 'database'");
    expect(await children()).toBe(before);
    expect(await engine.listRuns({ workflowId: parent })).toHaveLength(1);
  });

  it('starts exactly one child run when the external call is followed by a database step that emits, even when the call is retried', async () => {
    const { engine } = harness;
    await publish(engine, {
      name: 'Call, then emit in a database step',
      nodes: [
        { id: 'start', type: 'test.event', config: { event: 'parent.split' } },
        { id: 'call', type: 'external.call_then_emit', config: { call: 'nothing' } },
        { id: 'emit', type: 'external.emit_after', config: {} },
      ],
      edges: [
        { from: 'start', to: 'call' },
        { from: 'call', to: 'emit' },
      ],
    });
    const before = await children();
    const runId = (await engine.emit({ type: 'parent.split', subject: 'parent:split' })).runIds[0] as string;
    const { steps } = await waitForRun(engine, runId);
    expect(steps.find((step) => step.nodeId === 'call')).toMatchObject({ status: 'completed', attempt: 2 });
    const childIds = (steps.find((step) => step.nodeId === 'emit')?.output as { runIds: string[] } | undefined)?.runIds;
    expect(childIds).toHaveLength(1);
    await waitForRun(engine, childIds?.[0] as string);
    expect(await children()).toBe(before + 1);
  });
});
