import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineNode, Type } from '@switchboard/engine/sdk';
import { publish, startTestEngine, type TestEngine, waitForRun } from '../support/test-engine.ts';
import { testEvent } from '../support/test-nodes.ts';

async function until<T>(read: () => Promise<T>, isDone: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (isDone(value)) return value;
    if (Date.now() > deadline) throw new Error(`not done in ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Holds the timeout's transaction open at its resume, after it claimed the wait and before it commits. */
function gate() {
  let reach: () => void = () => undefined;
  let open: () => void = () => undefined;
  const reached = new Promise<void>((resolve) => (reach = resolve));
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { reached, opened, reach, open };
}
let timeoutGate = gate();

/**
 * Waits on `key` with a short deadline; when that deadline fires, waits on the
 * same key again (the shape of a question asked twice). Leaves by `received`
 * with the signal's data, or by `timeout` after the second deadline.
 */
const askTwice = defineNode({
  type: 'race.ask_twice',
  title: 'Ask twice',
  category: 'Test',
  description: 'Waits on a key twice, the second time after the first wait timed out.',
  kind: 'step',
  effects: 'none',
  waits: true,
  configSchema: Type.Object({ key: Type.String() }),
  ports: ['received', 'timeout'],
  run: (ctx) => ctx.wait({ signal: { key: ctx.config.key }, until: new Date(Date.now() + 150), state: { round: 1 } }),
  async resume(ctx) {
    if (ctx.resumed.reason === 'signal') return ctx.next('received', { round: ctx.state.round, data: ctx.resumed.data });
    if (ctx.state.round === 2) return ctx.next('timeout', { round: 2 });
    timeoutGate.reach();
    await timeoutGate.opened;
    return ctx.wait({ signal: { key: ctx.config.key }, until: new Date(Date.now() + 60_000), state: { round: 2 } });
  },
});

/** Promise 5's other side: a signal goes to the wait that was pending when it arrived, or to none. */
describe('a signal racing a wait timeout', () => {
  let harness: TestEngine;
  beforeAll(async () => {
    harness = await startTestEngine({ nodes: [testEvent, askTwice] });
  });
  afterAll(() => harness?.close());

  it('is not delivered to the next wait on the key when it arrives while the timeout holds the wait', async () => {
    const { engine } = harness;
    timeoutGate = gate();
    await publish(engine, {
      name: 'Ask twice',
      nodes: [
        { id: 'start', type: 'test.event', config: { event: 'race.start' } },
        { id: 'ask', type: 'race.ask_twice', config: { key: 'answer:1' } },
      ],
      edges: [{ from: 'start', to: 'ask' }],
    });
    const { runIds } = await engine.emit({ type: 'race.start', subject: 'race:1' });
    const runId = runIds[0] as string;
    await timeoutGate.reached;
    // The timeout job has claimed the first wait and not committed: this signal was meant for that wait.
    expect(await engine.signal('answer:1', 'race:1', { answer: 'late for the first wait' })).toEqual({ resumed: 0 });
    timeoutGate.open();
    // The positive marker that the timeout committed: the run finished, or waits a second time.
    const second = await until(
      () => engine.getRun(runId),
      (detail) => detail.run.status === 'completed' || detail.waits.length === 2,
    );
    expect(second.run.status).toBe('waiting');
    expect(second.waits.map((wait) => wait.status)).toEqual(['resumed', 'pending']);
    // The positive marker: a signal sent now resumes the second wait, with its own data.
    expect(await engine.signal('answer:1', 'race:1', { answer: 'for the second wait' })).toEqual({ resumed: 1 });
    const { steps } = await waitForRun(engine, runId);
    expect(steps.find((step) => step.nodeId === 'ask')).toMatchObject({ port: 'received', output: { round: 2, data: { answer: 'for the second wait' } } });
  });
});
