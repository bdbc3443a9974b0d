/** Small nodes for engine tests, written with the public SDK like any custom node. */
import { defineNode, Type } from '@switchboard/engine/sdk';

export const testEvent = defineNode({
  type: 'test.event',
  title: 'Test event',
  category: 'Test',
  description: 'Starts on an event type.',
  kind: 'trigger',
  configSchema: Type.Object({ event: Type.String() }),
  ports: ['next'],
  trigger: { source: 'event', eventTypes: (config) => [config.event] },
});

/** Writes a row into test_effects in the step's transaction: the effect exactly-once tests count. */
export const recordEffect = defineNode({
  type: 'test.record_effect',
  title: 'Record effect',
  category: 'Test',
  description: 'Inserts a row into test_effects, optionally sleeping first, optionally failing.',
  kind: 'step',
  configSchema: Type.Object({ label: Type.String(), sleepMs: Type.Integer({ default: 0 }), fail: Type.Boolean({ default: false }) }),
  ports: ['next'],
  async run(ctx) {
    const db = ctx.db.withTables<{ test_effects: { run_id: string; label: string; subject: string | null; started_at: Date; finished_at: Date } }>();
    const startedAt = new Date();
    if (ctx.config.sleepMs > 0) await new Promise((resolve) => setTimeout(resolve, ctx.config.sleepMs));
    await db
      .insertInto('test_effects')
      .values({ run_id: ctx.run.id, label: ctx.config.label, subject: ctx.run.subject, started_at: startedAt, finished_at: new Date() })
      .execute();
    if (ctx.config.fail) throw new Error(`failing on purpose at ${ctx.config.label}`);
    return ctx.next('next', { label: ctx.config.label });
  },
});

export const testNodes = [testEvent, recordEffect];
