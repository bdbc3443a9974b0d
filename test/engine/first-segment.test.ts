import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corePack } from '@switchboard/nodes-core';
import { defineNode, Type } from '@switchboard/engine/sdk';
import { connectTestDatabase } from '../support/test-database.ts';
import { publish, startTestEngine, type TestEngine, waitForRun } from '../support/test-engine.ts';

/**
 * Holds the nodes below until the test has looked: a run's job that reaches one waits there, so
 * what the test reads right after an emit is what the emit left, whatever the workers do.
 */
let gate = Promise.resolve();
let openGate = () => {};
function closeGate(): void {
  gate = new Promise<void>((resolve) => {
    openGate = resolve;
  });
}

/** A node of a pack Switchboard does not ship, with database effects: a run's job takes it. */
const note = defineNode({
  type: 'test.note',
  title: 'Note',
  category: 'Test',
  description: 'Leaves by next.',
  kind: 'step',
  effects: 'database',
  configSchema: Type.Object({}),
  ports: ['next'],
  run: async (ctx) => {
    await gate;
    return ctx.next('next', { noted: true });
  },
});

/** Registered as a node Switchboard ships, writing nothing: a first segment would take it. */
const held = {
  node: defineNode({
    type: 'core.test_held',
    title: 'Held',
    category: 'Test',
    description: 'Leaves by next once the test opens its gate.',
    kind: 'step',
    effects: 'none',
    configSchema: Type.Object({}),
    ports: ['next'],
    run: async (ctx) => {
      await gate;
      return ctx.next('next');
    },
  }),
  source: 'pack "core"',
};

/** A node registered as one Switchboard ships, which emits as a plugin does (outside any chain): like the inbox's assignment. */
let emitAsPlugin: (db: unknown, event: { type: string; subject: string }) => Promise<unknown> = async () => undefined;
const announce = {
  node: defineNode({
    type: 'core.test_announce',
    title: 'Announce',
    category: 'Test',
    description: 'Emits test.announced on a subject of its own, as a plugin would.',
    kind: 'step',
    effects: 'database',
    configSchema: Type.Object({}),
    ports: ['next'],
    run: async (ctx) => {
      await emitAsPlugin(ctx.db, { type: 'test.announced', subject: `${ctx.run.subject}:announced` });
      return ctx.next('next');
    },
  }),
  source: 'pack "core"',
};

/**
 * A run an event from outside starts takes its first steps in the transaction that records the
 * event (docs/ARCHITECTURE.md, "How a run moves"), up to a node Switchboard does not ship, which its
 * job takes; and whatever that transaction does, the first segment shares.
 */
describe("a run's first segment", () => {
  let harness: TestEngine;
  let db: Kysely<any>;
  beforeAll(async () => {
    harness = await startTestEngine({ nodes: [...corePack, note, held, announce] });
    const { engine } = harness;
    emitAsPlugin = (db, event) => engine.emitInTransaction(db as Parameters<typeof engine.emitInTransaction>[0], event);
    db = connectTestDatabase(harness.schema);
  });
  afterAll(async () => {
    openGate();
    await db?.destroy();
    await harness?.close();
  });

  const runJobs = async (runId: string) =>
    Number(
      (await sql<{ count: string }>`select count(*) from ${sql.table(`${harness.schema.schema}_boss.job`)} where data ->> 'runId' = ${runId}`.execute(db))
        .rows[0]?.count,
    );
  const flow = (event: string, last: string) => ({
    name: `First segment (${event})`,
    nodes: [
      { id: 'start', type: 'core.event', config: { event } },
      {
        id: 'lane',
        type: 'core.branch',
        config: { branches: [{ id: 'high', conditions: [{ path: 'trigger.data.priority', operator: 'equals', value: 'high' }] }] },
      },
      { id: 'fast', type: 'core.set_variable', config: { assignments: [{ name: 'lane', value: 'fast' }] } },
      { id: 'last', type: last, config: last === 'core.set_variable' ? { assignments: [{ name: 'done', value: true }] } : {} },
    ],
    edges: [
      { from: 'start', to: 'lane' },
      { from: 'lane', port: 'high', to: 'fast' },
      { from: 'fast', to: 'last' },
    ],
    settings: { reentry: 'parallel' as const },
  });

  it('is taken before the emit returns, and the run needs no job', async () => {
    await publish(harness.engine, flow('first.core', 'core.set_variable'));
    const { runIds } = await harness.engine.emit({ type: 'first.core', subject: 'first:1', data: { priority: 'high' } });
    const runId = runIds[0] as string;
    const { run, steps } = await harness.engine.getRun(runId);
    expect(run).toMatchObject({ status: 'completed', vars: { lane: 'fast', done: true } });
    expect(steps.map((step) => step.nodeId)).toEqual(['start', 'lane', 'fast', 'last']);
    expect(await runJobs(runId)).toBe(0);
  });

  it('is taken for each run an event starts, one after the other', async () => {
    for (const lane of ['a', 'b', 'c']) await publish(harness.engine, { ...flow('first.many', 'core.set_variable'), name: `First segment, ${lane}` });
    const { runIds } = await harness.engine.emit({ type: 'first.many', subject: 'first:5', data: { priority: 'high' } });
    expect(runIds).toHaveLength(3);
    for (const runId of runIds) {
      expect((await harness.engine.getRun(runId)).run).toMatchObject({ status: 'completed', vars: { lane: 'fast', done: true } });
      expect(await runJobs(runId)).toBe(0);
    }
  });

  it('stops before a node of another pack, whose job takes it, with the steps before it committed with the event', async () => {
    await publish(harness.engine, flow('first.custom', 'test.note'));
    closeGate();
    const { runIds } = await harness.engine.emit({ type: 'first.custom', subject: 'first:2', data: { priority: 'high' } });
    const runId = runIds[0] as string;
    const { run, steps } = await harness.engine.getRun(runId);
    expect(run).toMatchObject({ status: 'running', cursorNode: 'last', vars: { lane: 'fast' } });
    expect(steps.map((step) => step.nodeId)).toEqual(['start', 'lane', 'fast']);
    expect(await runJobs(runId)).toBe(1);
    openGate();
    const done = await waitForRun(harness.engine, runId);
    expect(done.steps.map((step) => `${step.nodeId}#${step.visit}`)).toEqual(['start#1', 'lane#1', 'fast#1', 'last#1']);
    expect(done.run.outputs).toMatchObject({ last: { noted: true } });
  });

  it('is not taken inside another: a run that a step starts, even through a plugin, waits for its job', async () => {
    await publish(harness.engine, {
      name: 'Announces',
      nodes: [
        { id: 'start', type: 'core.event', config: { event: 'first.announce' } },
        { id: 'announce', type: 'core.test_announce', config: {} },
      ],
      edges: [{ from: 'start', to: 'announce' }],
    });
    // Its first node is one a first segment takes: inside the parent's, it would hold the emit at the gate.
    await publish(harness.engine, {
      name: 'Hears the announcement',
      nodes: [
        { id: 'start', type: 'core.event', config: { event: 'test.announced' } },
        { id: 'held', type: 'core.test_held', config: {} },
      ],
      edges: [{ from: 'start', to: 'held' }],
    });
    closeGate();
    const { runIds } = await harness.engine.emit({ type: 'first.announce', subject: 'first:4' });
    const parent = await harness.engine.getRun(runIds[0] as string);
    expect(parent.run.status).toBe('completed');
    const child = await sql<{ id: string; status: string }>`select id, status from runs where subject = 'first:4:announced'`.execute(db);
    expect(child.rows).toEqual([{ id: expect.any(String), status: 'running' }]);
    const childId = child.rows[0]?.id ?? '';
    expect(await runJobs(childId)).toBe(1);
    openGate();
    expect((await waitForRun(harness.engine, childId)).run.status).toBe('completed');
  });

  it('is undone with the transaction that started it', async () => {
    await publish(harness.engine, flow('first.undone', 'core.set_variable'));
    const refused = harness.engine.transaction(async (trx) => {
      await harness.engine.emitInTransaction(trx, { type: 'first.undone', subject: 'first:3', data: { priority: 'high' } });
      throw new Error('the caller changed its mind');
    });
    await expect(refused).rejects.toThrow('the caller changed its mind');
    const left = await sql<{ count: string }>`select count(*) from runs where subject = 'first:3'`.execute(db);
    expect(Number(left.rows[0]?.count)).toBe(0);
  });
});
