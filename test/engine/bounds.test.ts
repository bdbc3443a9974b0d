import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corePack } from '@switchboard/nodes-core';
import { defineNode, Type } from '@switchboard/engine/sdk';
import { publish, startTestEngine, type TestEngine, waitForRun } from '../support/test-engine.ts';

/** Returns a text of the configured size as its output, the way a node that keeps a whole download would. */
const bigOutput = defineNode({
  type: 'test.big_output',
  title: 'Big output',
  category: 'Test',
  description: 'Outputs a text of `bytes` characters.',
  kind: 'step',
  effects: 'none',
  configSchema: Type.Object({ bytes: Type.Integer() }),
  ports: ['next'],
  run: (ctx) => ctx.next('next', { status: 200, text: 'x'.repeat(ctx.config.bytes) }),
});

/** Emits an event, or starts a run of a workflow, with 2 MB of data. */
const bigPayload = defineNode({
  type: 'test.big_payload',
  title: 'Big payload',
  category: 'Test',
  description: 'Emits or starts a run with 2 MB of data.',
  kind: 'step',
  configSchema: Type.Object({ workflowId: Type.Optional(Type.String()) }),
  ports: ['next'],
  async run(ctx) {
    const data = { text: 'x'.repeat(2 * 1024 * 1024) };
    if (ctx.config.workflowId === undefined) await ctx.emit({ type: 'big.emitted', subject: ctx.run.subject, data });
    else await ctx.startWorkflow(ctx.config.workflowId, data);
    return ctx.next('next');
  },
});

/** Promise 8: jump loops have an iteration cap, runs a step cap, outputs and variables a size cap. */
describe('bounds', () => {
  let harness: TestEngine;
  beforeAll(async () => {
    harness = await startTestEngine({ nodes: [...corePack, bigOutput, bigPayload] });
  });
  afterAll(() => harness?.close());

  const loop = (maxIterations: number, maxSteps?: number) => ({
    name: 'Count in a loop',
    nodes: [
      { id: 'start', type: 'core.event', config: { event: `loop.${maxIterations}.${maxSteps ?? 0}` } },
      { id: 'count', type: 'core.set_variable', config: { assignments: [{ name: 'n', value: '{{ vars.n | default: 0 | plus: 1 }}', type: 'number' }] } },
      { id: 'again', type: 'core.jump_to', config: { target: 'count', maxIterations } },
      { id: 'after', type: 'core.set_variable', config: { assignments: [{ name: 'done', value: true }] } },
    ],
    edges: [
      { from: 'start', to: 'count' },
      { from: 'count', to: 'again' },
      { from: 'again', port: 'exhausted', to: 'after' },
    ],
    ...(maxSteps === undefined ? {} : { settings: { maxSteps } }),
  });

  it('leaves a jump loop by exhausted after its iteration cap', async () => {
    const { engine } = harness;
    await publish(engine, loop(3));
    const { runIds } = await engine.emit({ type: 'loop.3.0', subject: 'l:1' });
    const { run, steps } = await waitForRun(engine, runIds[0] as string);
    expect(run.vars).toEqual({ n: 4, done: true });
    expect(steps.filter((step) => step.nodeId === 'count').map((step) => step.visit)).toEqual([1, 2, 3, 4]);
    expect(steps.at(-2)).toMatchObject({ nodeId: 'again', visit: 4, port: 'exhausted' });
  });

  it('fails a run that reaches its step cap', async () => {
    const { engine } = harness;
    await publish(engine, loop(100, 10));
    const { runIds } = await engine.emit({ type: 'loop.100.10', subject: 'l:2' });
    const { run, steps } = await waitForRun(engine, runIds[0] as string, ['failed']);
    expect(run.error).toMatchObject({ code: 'RUN_STEP_LIMIT' });
    expect(steps).toHaveLength(10);
  });

  it('fails a step whose output is over 1 MB, naming the pointer and the size, and stores none of it', async () => {
    const { engine } = harness;
    await publish(engine, {
      name: 'Keeps a download',
      nodes: [
        { id: 'start', type: 'core.event', config: { event: 'big.output' } },
        { id: 'download', type: 'test.big_output', config: { bytes: 2 * 1024 * 1024 } },
        { id: 'after', type: 'core.set_variable', config: { assignments: [{ name: 'done', value: true }] } },
      ],
      edges: [
        { from: 'start', to: 'download' },
        { from: 'download', to: 'after' },
      ],
    });
    const { runIds } = await engine.emit({ type: 'big.output', subject: 'big:1' });
    const { run, steps } = await waitForRun(engine, runIds[0] as string, ['failed']);
    const failed = steps.find((step) => step.nodeId === 'download');
    expect(failed).toMatchObject({
      status: 'failed',
      output: null,
      error: { code: 'STEP_OUTPUT_TOO_LARGE', kind: 'user', details: { nodeId: 'download', path: '/output/text', bytes: 2_097_154, limitBytes: 1_048_576 } },
    });
    expect(failed?.error?.message).toContain(
      'Node "download" (test.big_output) returned too much to store: /output is 2,097,176 bytes as JSON (/output/text alone 2,097,154 bytes), more than the 1,048,576 bytes',
    );
    expect(run.error).toMatchObject({ code: 'STEP_OUTPUT_TOO_LARGE' });
    expect(run.outputs).not.toHaveProperty('download');
    expect(steps.map((step) => step.nodeId)).toEqual(['start', 'download']);
  });

  it('fails the turn of a loop that grows a variable past 256 KB, keeping the vars of the turn before', async () => {
    const { engine } = harness;
    await publish(engine, {
      name: 'Grows a variable',
      nodes: [
        { id: 'start', type: 'core.event', config: { event: 'big.variable' } },
        { id: 'grow', type: 'core.set_variable', config: { assignments: [{ name: 'text', value: '{{ vars.text }}{{ trigger.data.chunk }}' }] } },
        { id: 'count', type: 'core.set_variable', config: { assignments: [{ name: 'turns', value: '{{ vars.turns | plus: 1 }}', type: 'number' }] } },
        { id: 'again', type: 'core.jump_to', config: { target: 'grow', maxIterations: 10 } },
      ],
      edges: [
        { from: 'start', to: 'grow' },
        { from: 'grow', to: 'count' },
        { from: 'count', to: 'again' },
      ],
    });
    // 100,000 characters of two bytes each: 200 KB a turn, within what one template may render.
    const chunk = 'é'.repeat(100_000);
    const { runIds } = await engine.emit({ type: 'big.variable', subject: 'big:2', data: { chunk } });
    const { run, steps } = await waitForRun(engine, runIds[0] as string, ['failed']);
    expect(run.error).toMatchObject({ code: 'RUN_VARIABLES_TOO_LARGE', details: { nodeId: 'grow', path: '/vars/text', bytes: 400_002, limitBytes: 262_144 } });
    expect(run.error?.message).toContain(
      'Node "grow" (core.set_variable) set variable "text" too large to store: /vars/text is 400,002 bytes as JSON, more than the 262,144 bytes',
    );
    expect(run.vars).toEqual({ text: chunk, turns: 1 });
    expect(steps.at(-1)).toMatchObject({ nodeId: 'grow', visit: 2, status: 'failed', output: null });
  });

  it("fails the step that would take the run's variables past 1 MB together, keeping those before it", async () => {
    const { engine } = harness;
    const assign = (names: readonly string[]) => ({ assignments: names.map((name) => ({ name, value: '{{ trigger.data.chunk }}' })) });
    await publish(engine, {
      name: 'Keeps too much',
      nodes: [
        { id: 'start', type: 'core.event', config: { event: 'big.vars' } },
        { id: 'first', type: 'core.set_variable', config: assign(['a', 'b', 'c']) },
        { id: 'second', type: 'core.set_variable', config: assign(['d', 'e', 'f']) },
      ],
      edges: [
        { from: 'start', to: 'first' },
        { from: 'first', to: 'second' },
      ],
    });
    const chunk = 'x'.repeat(200_000);
    const { runIds } = await engine.emit({ type: 'big.vars', subject: 'big:3', data: { chunk } });
    const { run } = await waitForRun(engine, runIds[0] as string, ['failed']);
    // {"a":"x...x",...,"f":"x...x"}: six members of 4 + 200,002 bytes, five commas, two braces.
    expect(run.error).toMatchObject({ code: 'RUN_VARIABLES_TOO_LARGE', details: { nodeId: 'second', path: '/vars', bytes: 1_200_043, limitBytes: 1_048_576 } });
    expect(run.error?.message).toContain("/vars, all of the run's variables, 1,200,043 bytes as JSON, more than the 1,048,576 bytes they may be together");
    expect(run.vars).toEqual({ a: chunk, b: chunk, c: chunk });
  });

  it('refuses event data, run input and signal data over 1 MB from inside the engine, as the HTTP body limit does from outside', async () => {
    const { engine } = harness;
    const listener = await publish(engine, {
      name: 'Listens',
      nodes: [{ id: 'start', type: 'core.event', config: { event: 'big.emitted' } }],
      edges: [],
    });
    const sender = (event: string, config: Record<string, unknown>) => ({
      name: `Sends ${event}`,
      nodes: [
        { id: 'start', type: 'core.event', config: { event } },
        { id: 'send', type: 'test.big_payload', config },
      ],
      edges: [{ from: 'start', to: 'send' }],
    });
    await publish(engine, sender('big.emit', {}));
    await publish(engine, sender('big.start', { workflowId: listener }));
    const emitted = await engine.emit({ type: 'big.emit', subject: 'big:4' });
    const started = await engine.emit({ type: 'big.start', subject: 'big:5' });
    const emitting = await waitForRun(engine, emitted.runIds[0] as string, ['failed']);
    expect(emitting.run.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', kind: 'user', details: { bytes: 2_097_163, limitBytes: 1_048_576 } });
    expect(emitting.run.error?.message).toContain(
      'Node "send" (test.big_payload) failed: Event data of big.emitted is 2,097,163 bytes as JSON, more than the 1,048,576 bytes',
    );
    const starting = await waitForRun(engine, started.runIds[0] as string, ['failed']);
    expect(starting.run.error?.message).toContain(`The input of a run of workflow ${listener} is 2,097,163 bytes as JSON`);
    expect(await engine.listRuns({ workflowId: listener })).toEqual([]);
    await expect(engine.signal('big:signal', null, { text: 'x'.repeat(2 * 1024 * 1024) })).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: expect.stringContaining('The data of signal big:signal is 2,097,163 bytes as JSON'),
    });
  });
});
