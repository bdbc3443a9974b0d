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

/**
 * A node registered as one Switchboard ships, which emits as a plugin does (outside any chain):
 * like the inbox's assignment. On its own run's subject or one of its own, in the step's
 * transaction or in one of its own; with `left` in the trigger's data, it emits while some are
 * left, one fewer each time; with `fail`, it throws after emitting.
 */
let emitAsPlugin: (db: unknown, event: { type: string; subject: string; data?: Record<string, unknown> }) => Promise<unknown> = async () => undefined;
let emitOnItsOwn: (event: { type: string; subject: string; data?: Record<string, unknown> }) => Promise<unknown> = async () => undefined;
const announce = {
  node: defineNode({
    type: 'core.test_announce',
    title: 'Announce',
    category: 'Test',
    description: 'Emits an event, as a plugin would.',
    kind: 'step',
    effects: 'database',
    configSchema: Type.Object({
      event: Type.String(),
      subject: Type.Union([Type.Literal('own'), Type.Literal('other')]),
      transaction: Type.Optional(Type.Literal('its own')),
      fail: Type.Optional(Type.Boolean()),
    }),
    ports: ['next'],
    run: async (ctx) => {
      const { event, subject, transaction, fail } = ctx.config;
      const left = (ctx.trigger.data as { left?: unknown } | undefined)?.left;
      if (typeof left === 'number' && left <= 0) return ctx.next('next');
      const emitted = {
        type: event,
        subject: subject === 'own' ? (ctx.run.subject ?? '') : `${ctx.run.subject}:announced`,
        ...(typeof left === 'number' ? { data: { left: left - 1 } } : {}),
      };
      await (transaction === 'its own' ? emitOnItsOwn(emitted) : emitAsPlugin(ctx.db, emitted));
      if (fail === true) throw new Error('announced, then failed');
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
    emitOnItsOwn = (event) => engine.emit(event);
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

  it('is not taken inside another: a run that a step starts on another subject, even through a plugin, waits for its job', async () => {
    await publish(harness.engine, {
      name: 'Announces',
      nodes: [
        { id: 'start', type: 'core.event', config: { event: 'first.announce' } },
        { id: 'announce', type: 'core.test_announce', config: { event: 'test.announced', subject: 'other' } },
      ],
      edges: [{ from: 'start', to: 'announce' }],
    });
    // Its first node is one a first segment takes: inside the parent's, it would hold the emit at
    // the gate. On another subject, it cannot follow the parent's segment either.
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

  const announces = (name: string, event: string, announced: string, config: Record<string, unknown> = {}) => ({
    name,
    nodes: [
      { id: 'start', type: 'core.event', config: { event } },
      { id: 'announce', type: 'core.test_announce', config: { event: announced, subject: 'own', ...config } },
    ],
    edges: [{ from: 'start', to: 'announce' }],
    settings: { reentry: 'parallel' as const },
  });
  const hears = (event: string) => ({
    name: `Hears ${event}`,
    nodes: [
      { id: 'start', type: 'core.event', config: { event } },
      { id: 'heard', type: 'core.set_variable', config: { assignments: [{ name: 'heard', value: true }] } },
    ],
    edges: [{ from: 'start', to: 'heard' }],
    settings: { reentry: 'parallel' as const },
  });
  const runsOf = async (subject: string) =>
    (
      await sql<{ id: string; name: string; status: string }>`select r.id, w.name, r.status from runs r join workflows w on w.id = r.workflow_id
        where r.subject = ${subject} order by r.created_at, r.id`.execute(db)
    ).rows;

  it('is taken after the segment whose step started the run on its own subject, in its transaction, with no job', async () => {
    await publish(harness.engine, announces('Announces to its subject', 'first.follow', 'test.followed'));
    await publish(harness.engine, hears('test.followed'));
    await harness.engine.emit({ type: 'first.follow', subject: 'first:6' });
    const runs = await runsOf('first:6');
    expect(runs.map(({ name, status }) => [name, status])).toEqual([
      ['Announces to its subject', 'completed'],
      ['Hears test.followed', 'completed'],
    ]);
    for (const { id } of runs) expect(await runJobs(id)).toBe(0);
    expect((await harness.engine.getRun(runs[1]?.id ?? '')).run.vars).toEqual({ heard: true });
  });

  it("follows a segment a run's job takes, in that job's transaction", async () => {
    await publish(harness.engine, {
      name: 'Notes, then announces',
      nodes: [
        { id: 'start', type: 'core.event', config: { event: 'first.noted' } },
        { id: 'note', type: 'test.note', config: {} },
        { id: 'announce', type: 'core.test_announce', config: { event: 'test.noted', subject: 'own' } },
      ],
      edges: [
        { from: 'start', to: 'note' },
        { from: 'note', to: 'announce' },
      ],
    });
    await publish(harness.engine, hears('test.noted'));
    const { runIds } = await harness.engine.emit({ type: 'first.noted', subject: 'first:7' });
    expect((await waitForRun(harness.engine, runIds[0] as string)).run.status).toBe('completed');
    const runs = await runsOf('first:7');
    expect(runs.map(({ status }) => status)).toEqual(['completed', 'completed']);
    expect(await runJobs(runs[0]?.id ?? '')).toBe(1);
    expect(await runJobs(runs[1]?.id ?? '')).toBe(0);
  });

  it("leaves to its job a run started in a transaction other than the segment's", async () => {
    await publish(harness.engine, announces('Announces on its own', 'first.apart', 'test.apart', { transaction: 'its own' }));
    await publish(harness.engine, hears('test.apart'));
    await harness.engine.emit({ type: 'first.apart', subject: 'first:8' });
    const [, heard] = await runsOf('first:8');
    expect(heard).toBeDefined();
    expect(await runJobs(heard?.id ?? '')).toBe(1);
    expect((await waitForRun(harness.engine, heard?.id ?? '')).run.vars).toEqual({ heard: true });
  });

  it('leaves nothing of a run whose starting step failed', async () => {
    await publish(harness.engine, announces('Announces, then fails', 'first.fails', 'test.unheard', { fail: true }));
    await publish(harness.engine, hears('test.unheard'));
    await harness.engine.emit({ type: 'first.fails', subject: 'first:9' });
    const runs = await runsOf('first:9');
    expect(runs.map(({ name, status }) => [name, status])).toEqual([['Announces, then fails', 'failed']]);
    const jobs = await sql<{
      count: string;
    }>`select count(*) from ${sql.table(`${harness.schema.schema}_boss.job`)} where data ->> 'subject' = 'first:9'`.execute(db);
    expect(Number(jobs.rows[0]?.count)).toBe(0);
  });

  it('gives jobs to the runs past 20 segments in one transaction, when runs start each other on and on', async () => {
    await publish(harness.engine, announces('Announces again', 'first.again', 'first.again'));
    await harness.engine.emit({ type: 'first.again', subject: 'first:10', data: { left: 24 } });
    const runs = await runsOf('first:10');
    // The first run and its 19 followers in the emit's transaction; the 21st has a job, and starts the rest.
    expect(runs.length).toBeGreaterThanOrEqual(21);
    expect(runs.slice(0, 20).every(({ status }) => status === 'completed')).toBe(true);
    for (const { id } of runs.slice(0, 20)) expect(await runJobs(id)).toBe(0);
    expect(await runJobs(runs[20]?.id ?? '')).toBe(1);
    await expect.poll(async () => (await runsOf('first:10')).filter(({ status }) => status === 'completed').length, { timeout: 20_000 }).toBe(25);
  });
});
