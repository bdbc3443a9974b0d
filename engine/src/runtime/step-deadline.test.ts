import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DB } from '../store/database.ts';
import type { CompiledNode } from '../graph/compile-graph.ts';
import { createNodeCatalog } from '../graph/node-catalog.ts';
import { DEFAULT_STEP_TIMEOUT_MS, stepTimeoutMs } from '../graph/step-timeout.ts';
import { createLogger } from '../logger.ts';
import { defineNode, type StepResult, Type } from '../sdk.ts';
import { executeStep } from './execute-step.ts';
import { DEFAULT_MAX_ATTEMPTS } from './retry-policy.ts';
import type { Runtime } from './runtime.ts';
import { startStepDeadline } from './step-deadline.ts';

/** A Kysely that compiles Postgres and answers every query with no rows, without a server. */
const offline = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});
const node = { id: 'slow', type: 'test.slow' };

const hangs = defineNode({
  type: 'test.hangs',
  title: 'Hangs',
  category: 'Test',
  description: 'Never answers.',
  kind: 'step',
  timeoutMs: 5_000,
  configSchema: Type.Object({}),
  ports: ['next'],
  run: () => new Promise<StepResult>(() => undefined),
});

describe('step deadlines', () => {
  it('rejects with STEP_TIMEOUT and aborts the step signal when the deadline passes', async () => {
    const deadline = startStepDeadline(new AbortController().signal, 30, node);
    const work = deadline.race(() => new Promise<never>(() => undefined));
    await expect(work).rejects.toMatchObject({ code: 'STEP_TIMEOUT', kind: 'operational', details: { timeoutMs: 30 } });
    expect(deadline.signal.aborted).toBe(true);
    expect(deadline.signal.reason).toMatchObject({ code: 'STEP_TIMEOUT' });
    deadline.end();
  });

  it('settles with the work when it finishes in time and stops its timer', async () => {
    const deadline = startStepDeadline(new AbortController().signal, 1_000, node);
    await expect(deadline.race(async () => 'done')).resolves.toBe('done');
    deadline.end();
    expect(deadline.signal.aborted).toBe(false);
  });

  it('aborts the step signal when the process shuts down', () => {
    const shutdown = new AbortController();
    const deadline = startStepDeadline(shutdown.signal, 1_000, node);
    shutdown.abort();
    expect(deadline.signal.aborted).toBe(true);
    deadline.end();
  });

  it('refuses queries through the guarded handle once the step is over, built or raw', async () => {
    const deadline = startStepDeadline(new AbortController().signal, 1_000, node);
    const db = deadline.guard(offline);
    await expect(db.selectFrom('runs').selectAll().execute()).resolves.toEqual([]);
    deadline.end();
    await expect(db.selectFrom('runs').selectAll().execute()).rejects.toMatchObject({ code: 'STEP_TIMEOUT' });
    await expect(sql`select 1`.execute(db.withTables<{ other: { id: number } }>())).rejects.toMatchObject({ code: 'STEP_TIMEOUT' });
    // The handle it was made from is untouched: the engine goes on using its transaction.
    await expect(offline.selectFrom('runs').selectAll().execute()).resolves.toEqual([]);
  });

  it("takes the node's timeoutMs over its node type's, and 30 s when neither sets one", () => {
    const compiled: CompiledNode = { id: 'a', type: 'test.hangs', name: undefined, config: {}, ports: ['next'] };
    expect(stepTimeoutMs(compiled, hangs)).toBe(5_000);
    expect(stepTimeoutMs({ ...compiled, timeoutMs: 250 }, hangs)).toBe(250);
    const { timeoutMs: _ignored, ...withoutTimeout } = hangs;
    expect(stepTimeoutMs(compiled, withoutTimeout)).toBe(DEFAULT_STEP_TIMEOUT_MS);
    expect(DEFAULT_STEP_TIMEOUT_MS).toBe(30_000);
  });

  it('retries a timed-out step while attempts remain and fails it on the last one', async () => {
    const catalog = createNodeCatalog([{ node: hangs, source: 'test' }]);
    const entry = catalog.get('test.hangs');
    if (entry === undefined) throw new Error('test.hangs is not in the catalog');
    const rt = {
      db: offline,
      catalog,
      clock: () => new Date(),
      log: createLogger('silent'),
      contextProviders: [],
      abortSignal: new AbortController().signal,
      graphs: new Map(),
      emit: async () => ({ runIds: [] }),
    } as unknown as Runtime;
    const args = {
      node: { id: 'wait_here', type: 'test.hangs', name: undefined, config: {}, ports: ['next'], timeoutMs: 100 },
      entry,
      run: {
        id: '00000000-0000-0000-0000-000000000001',
        workflowId: '00000000-0000-0000-0000-000000000002',
        version: 1,
        subject: null,
        startedAt: new Date(),
        rootRunId: '00000000-0000-0000-0000-000000000001',
        depth: 0,
        test: false,
        clockOffsetMs: 0,
      },
      trigger: {},
      vars: {},
      outputs: {},
      visit: 1,
    };
    const first = await executeStep(rt, offline, { ...args, attempt: 1 });
    expect(first).toMatchObject({ kind: 'result', result: { kind: 'retry', error: { code: 'STEP_TIMEOUT', kind: 'operational' } } });
    const last = await executeStep(rt, offline, { ...args, attempt: DEFAULT_MAX_ATTEMPTS });
    expect(last).toMatchObject({ kind: 'failed', error: { code: 'STEP_TIMEOUT', kind: 'operational', details: { timeoutMs: 100 } } });
  });
});
