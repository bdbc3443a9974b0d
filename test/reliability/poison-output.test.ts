import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineNode, Type } from '@switchboard/engine/sdk';
import { connectTestDatabase } from '../support/test-database.ts';
import { publish, startTestEngine, type TestEngine, waitForRun } from '../support/test-engine.ts';
import { testEvent } from '../support/test-nodes.ts';

/** Returns one kind of value that JSON (or Postgres's jsonb) cannot store, chosen by config. */
const poison = defineNode({
  type: 'test.poison',
  title: 'Poison',
  category: 'Test',
  description: 'Returns an output or vars that cannot be stored as JSON.',
  kind: 'step',
  configSchema: Type.Object({ kind: Type.String() }),
  ports: ['next'],
  run(ctx) {
    switch (ctx.config.kind) {
      case 'bigint':
        return ctx.next('next', { order: { total: 10n } });
      case 'cycle': {
        const customer: Record<string, unknown> = { name: 'Ana' };
        customer.self = customer;
        return ctx.next('next', {}, { customer });
      }
      case 'function':
        return ctx.next('next', { items: [1, () => 2] });
      case 'nul':
        return ctx.next('next', { 'a/b': 'x\u0000y' });
      default:
        // Dropped by JSON on purpose: stored without the member.
        return ctx.next('next', { kept: 1, dropped: undefined });
    }
  },
});

const record = defineNode({
  type: 'test.record',
  title: 'Record',
  category: 'Test',
  description: 'Returns its label.',
  kind: 'step',
  configSchema: Type.Object({ label: Type.String() }),
  ports: ['next'],
  run: (ctx) => ctx.next('next', { label: ctx.config.label }),
});

describe('poison output', () => {
  let harness: TestEngine;
  let db: Kysely<any>;

  beforeAll(async () => {
    harness = await startTestEngine({ nodes: [testEvent, poison, record] });
    db = connectTestDatabase(harness.schema);
  });
  afterAll(async () => {
    await db?.destroy();
    await harness?.close();
  });

  const poisonFlow = (event: string, kind: string) => ({
    name: `Poison ${kind}`,
    nodes: [
      { id: 'start', type: 'test.event', config: { event } },
      { id: 'before', type: 'test.record', config: { label: 'before' } },
      { id: 'calc', type: 'test.poison', config: { kind } },
      { id: 'after', type: 'test.record', config: { label: 'after' } },
    ],
    edges: [
      { from: 'start', to: 'before' },
      { from: 'before', to: 'calc' },
      { from: 'calc', to: 'after' },
    ],
  });

  it.each([
    ['bigint', '/output/order/total is a BigInt'],
    ['cycle', '/vars/customer/self refers back to an object that contains it'],
    ['function', '/output/items/1 is a function'],
    ['nul', '/output/a~1b is a string that contains the character U+0000'],
  ])('fails the step that returns a %s with the node and the pointer of the value', async (kind, expected) => {
    const { engine } = harness;
    await publish(engine, poisonFlow(`poison.${kind}`, kind));
    const { runIds } = await engine.emit({ type: `poison.${kind}`, subject: `poison:${kind}` });
    const { run, steps } = await waitForRun(engine, runIds[0] as string, ['failed']);
    const failed = steps.find((step) => step.nodeId === 'calc');
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'STEP_OUTPUT_INVALID', kind: 'bug' } });
    expect(failed?.error?.message).toContain(`Node "calc" (test.poison) returned a value that cannot be stored as JSON: ${expected}`);
    expect(run.error).toMatchObject({ code: 'STEP_OUTPUT_INVALID' });
    // The steps before it stay recorded; the one after never ran.
    expect(steps.map((step) => [step.nodeId, step.status])).toEqual([
      ['start', 'completed'],
      ['before', 'completed'],
      ['calc', 'failed'],
    ]);
  });

  it('stores an output whose undefined members JSON drops', async () => {
    const { engine } = harness;
    await publish(engine, poisonFlow('poison.none', 'none'));
    const { runIds } = await engine.emit({ type: 'poison.none', subject: 'poison:none' });
    const { steps } = await waitForRun(engine, runIds[0] as string);
    expect(steps.find((step) => step.nodeId === 'calc')?.output).toEqual({ kept: 1 });
  });

  it('marks a run failed with RUN_JOB_FAILED when its job fails for good, once', async () => {
    const { engine } = harness;
    // A segment that can never commit: Postgres refuses the step record of node "doomed".
    await sql`
      create function refuse_doomed() returns trigger language plpgsql as $$
      begin
        if new.node_id = 'doomed' then raise exception 'refusing the step of node doomed'; end if;
        return new;
      end $$;
      create trigger refuse_doomed before insert or update on steps for each row execute function refuse_doomed();
    `.execute(db);
    await publish(engine, {
      name: 'Never commits',
      nodes: [
        { id: 'start', type: 'test.event', config: { event: 'doomed' } },
        { id: 'doomed', type: 'test.record', config: { label: 'doomed' } },
      ],
      edges: [{ from: 'start', to: 'doomed' }],
    });
    const runId = await engine.transaction(async (trx) => {
      const [id] = (await engine.emitInTransaction(trx, { type: 'doomed', subject: 'doomed:1' })).runIds;
      // Give up after the first failure instead of the run queue's 20 retries with backoff.
      await sql`update ${sql.table(`${harness.schema.schema}_boss.job`)} set retry_limit = 0 where name = 'switchboard-run' and data ->> 'runId' = ${id}`.execute(
        trx,
      );
      return id as string;
    });
    const { run, steps } = await waitForRun(engine, runId, ['failed']);
    expect(run.error).toMatchObject({ code: 'RUN_JOB_FAILED', kind: 'bug' });
    expect(run.error?.message).toContain('refusing the step of node doomed');
    expect(run.finishedAt).not.toBeNull();
    expect(steps.map((step) => step.nodeId)).toEqual(['start']);

    // The same dead-letter job handled again (a redelivery) changes nothing.
    const boss = sql.table(`${harness.schema.schema}_boss.job`);
    const dead = await sql<{ id: string }>`select id from ${boss} where name = 'switchboard-run-dead' and data ->> 'runId' = ${runId}`.execute(db);
    expect(dead.rows).toHaveLength(1);
    await sql`update ${boss} set state = 'retry', start_after = now(), completed_on = null where id = ${dead.rows[0]?.id}`.execute(db);
    await expect
      .poll(async () => (await sql<{ state: string }>`select state from ${boss} where id = ${dead.rows[0]?.id}`.execute(db)).rows[0]?.state, {
        timeout: 10_000,
      })
      .toBe('completed');
    const again = await engine.getRun(runId);
    expect(again.run).toEqual(run);
  });
});
