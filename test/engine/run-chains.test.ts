import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corePack } from '@switchboard/nodes-core';
import { createServer, type EngineOptions, type Run } from '@switchboard/engine';
import { defineNode, Type } from '@switchboard/engine/sdk';
import { publish, startTestEngine, type TestEngine, waitForRun } from '../support/test-engine.ts';

const MAX_DEPTH = 4;
const MAX_CHAINED_RUNS_PER_SECOND = 12;
const WORKERS = 4;

/** Emits an event from a step (the core pack has no such node): a chain through `ctx.emit`. */
const emitStep = defineNode({
  type: 'test.emit',
  title: 'Emit',
  category: 'Test',
  description: 'Emits an event with no subject.',
  kind: 'step',
  configSchema: Type.Object({ event: Type.String() }),
  ports: ['next'],
  run: async (ctx) => ctx.next('next', await ctx.emit({ type: ctx.config.event })),
});

/**
 * This file's engine options, all in one place. Time stands still (an injected clock),
 * so "the last second" of the rate bound holds every run a test starts and the bound is
 * a count the test can compute. The webhook test's core.http_request calls this engine
 * on 127.0.0.1, so these options allow loopback, which the default egress policy refuses.
 */
const frozenNow = new Date();
const engineOptions = {
  nodes: [...corePack, emitStep],
  workerConcurrency: WORKERS,
  runBounds: { maxDepth: MAX_DEPTH, maxChainedRunsPerSecond: MAX_CHAINED_RUNS_PER_SECOND },
  clock: () => frozenNow,
  egress: { allow: ['127.0.0.1'] },
} satisfies Omit<EngineOptions, 'databaseUrl' | 'schema'>;

/** A manual flow whose `core.trigger_workflow` steps (one per id) each start the flow itself again. */
const startsItself = (name: string, starts: readonly string[]) => ({
  name,
  nodes: [
    { id: 'in', type: 'core.manual', config: {} },
    ...starts.map((id) => ({ id, type: 'core.trigger_workflow', config: { workflowId: '{{ run.workflowId }}', subject: 'none' } })),
  ],
  edges: ['in', ...starts].slice(0, -1).map((from, index) => ({ from, to: starts[index] as string })),
});

const finished = (run: Run) => ['completed', 'failed', 'cancelled'].includes(run.status);

/**
 * Every run of a workflow, once none is in flight. Only a run in flight starts runs, and a
 * child commits with its parent's step, so a moment with every run finished is the end.
 */
async function runsOnceSettled(harness: TestEngine, workflowId: string, timeoutMs = 15_000): Promise<Run[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const runs = await harness.engine.listRuns({ workflowId, limit: 500 });
    if (runs.every(finished)) return runs;
    if (Date.now() > deadline) throw new Error(`Runs of ${workflowId} still in flight: ${runs.filter((run) => !finished(run)).length} of ${runs.length}.`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Follows a chain from its root through each run's child (`childOf` reads it from a run's steps), waiting for each. */
async function followChain(harness: TestEngine, rootRunId: string, childOf: (steps: Awaited<ReturnType<TestEngine['engine']['getRun']>>['steps']) => unknown) {
  const chain: Awaited<ReturnType<TestEngine['engine']['getRun']>>[] = [];
  let runId: unknown = rootRunId;
  while (typeof runId === 'string') {
    const detail = await waitForRun(harness.engine, runId, ['completed', 'failed']);
    chain.push(detail);
    runId = childOf(detail.steps);
  }
  return chain;
}

/** Promise 8: runs started by runs have a depth bound, and a workflow a bound on how many it gets a second. */
describe('chains of runs started by runs', () => {
  let harness: TestEngine;
  let server: Awaited<ReturnType<typeof createServer>>;
  let baseUrl: string;
  beforeAll(async () => {
    harness = await startTestEngine(engineOptions);
    server = await createServer(harness.engine, { logger: false });
    await server.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await server?.close();
    await harness?.close();
  });

  it('stops a flow that starts itself at the depth bound: the run at the bound fails RUN_DEPTH_LIMIT', async () => {
    const { engine } = harness;
    const workflowId = await publish(engine, startsItself('Starts itself', ['again']));
    const { runId: rootRunId } = await engine.startManualRun(workflowId, {}, null);
    const chain = await followChain(harness, rootRunId, (steps) => (steps.find((step) => step.nodeId === 'again')?.output as { runId?: string } | null)?.runId);

    expect(chain.map(({ run }) => [run.depth, run.rootRunId, run.status])).toEqual(
      Array.from({ length: MAX_DEPTH + 1 }, (_, depth) => [depth, rootRunId, depth === MAX_DEPTH ? 'failed' : 'completed']),
    );
    expect(chain.map(({ run }) => run.parentRunId)).toEqual([null, ...chain.slice(0, -1).map(({ run }) => run.id)]);
    const last = chain.at(-1)?.run;
    expect(last?.error).toMatchObject({
      code: 'RUN_DEPTH_LIMIT',
      kind: 'user',
      details: { rootRunId, parentRunId: last?.id, depth: MAX_DEPTH + 1, maxDepth: MAX_DEPTH },
    });
    expect(last?.error?.message).toContain(`Run ${last?.id} (depth ${MAX_DEPTH} in the chain of run ${rootRunId})`);
    // Exactly the bound + 1 runs: the refused start left nothing behind.
    expect(await runsOnceSettled(harness, workflowId)).toHaveLength(MAX_DEPTH + 1);
  });

  it('stops a flow that forks itself within the rate and depth bounds', async () => {
    const { engine } = harness;
    const workflowId = await publish(engine, startsItself('Forks itself', ['left', 'right']));
    await engine.startManualRun(workflowId, {}, null);
    const runs = await runsOnceSettled(harness, workflowId);

    // Unbounded, the fork never ends; the depth bound alone allows a tree of 2^(depth + 1) - 1 runs.
    const tree = 2 ** (MAX_DEPTH + 1) - 1;
    // The clock stands still, so every chained start falls in one second: the rate bound admits
    // MAX_CHAINED_RUNS_PER_SECOND of them, plus what transactions open at once pass together
    // (each sees the others' runs only once they commit): with at most WORKERS segments at once,
    // each starting at most 2, at most 2 * WORKERS - 2 more. Plus the root.
    const bound = 1 + MAX_CHAINED_RUNS_PER_SECOND + 2 * WORKERS - 2;
    expect(bound).toBeLessThan(tree);
    expect(runs.length).toBeGreaterThan(MAX_CHAINED_RUNS_PER_SECOND);
    expect(runs.length).toBeLessThanOrEqual(bound);
    expect(Math.max(...runs.map((run) => run.depth))).toBeLessThanOrEqual(MAX_DEPTH);
    const failures = runs.filter((run) => run.status === 'failed').map((run) => run.error?.code);
    expect(failures).toContain('RUN_RATE_LIMIT');
    expect(new Set(failures)).toEqual(new Set(failures.filter((code) => code === 'RUN_RATE_LIMIT' || code === 'RUN_DEPTH_LIMIT')));
    const refused = runs.find((run) => run.error?.code === 'RUN_RATE_LIMIT');
    expect(refused?.error).toMatchObject({ kind: 'user', details: { workflowId, maxChainedRunsPerSecond: MAX_CHAINED_RUNS_PER_SECOND } });
  });

  it('continues the chain of a run that calls its own webhook, up to the depth bound', async () => {
    const { engine } = harness;
    const workflowId = await publish(engine, {
      name: 'Calls its own webhook',
      nodes: [
        { id: 'hook', type: 'core.webhook', config: {} },
        {
          id: 'call',
          type: 'core.http_request',
          config: { method: 'POST', url: `${baseUrl}/hooks/{{ run.workflowId }}`, body: { from: '{{ run.id }}' }, retries: 0 },
        },
      ],
      edges: [{ from: 'hook', to: 'call' }],
    });
    // The first request comes from outside: no chain header, a root run.
    const first = await fetch(`${baseUrl}/hooks/${workflowId}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const { runId: rootRunId } = (await first.json()) as { runId: string };
    const calls = (steps: { nodeId: string; output: unknown }[]) =>
      steps.find((step) => step.nodeId === 'call')?.output as { status: number; body: Record<string, unknown> };
    const chain = await followChain(harness, rootRunId, (steps) => calls(steps).body.runId);

    expect(chain.map(({ run }) => [run.depth, run.rootRunId, run.parentRunId])).toEqual(
      Array.from({ length: MAX_DEPTH + 1 }, (_, depth) => [depth, rootRunId, null]),
    );
    expect(chain.slice(1).map(({ run }) => (run.trigger.headers as Record<string, string>)['switchboard-run-chain'])).toEqual(
      Array.from({ length: MAX_DEPTH }, (_, depth) => `${rootRunId};depth=${depth}`),
    );
    // The run at the bound is refused by the webhook, not retried, and leaves by its failure port.
    const refused = calls(chain.at(-1)?.steps ?? []);
    expect(refused).toMatchObject({ status: 422, body: { code: 'RUN_DEPTH_LIMIT' } });
    expect(refused.body.message).toContain(`depth ${MAX_DEPTH} in the chain of run ${rootRunId}`);
    expect(chain.at(-1)?.steps.find((step) => step.nodeId === 'call')?.port).toBe('failure');
    expect(await runsOnceSettled(harness, workflowId)).toHaveLength(MAX_DEPTH + 1);
  });

  it('refuses a malformed chain header by name, and starts a claimed chain one deeper', async () => {
    const { engine } = harness;
    const workflowId = await publish(engine, { name: 'Plain hook', nodes: [{ id: 'hook', type: 'core.webhook', config: {} }], edges: [] });
    const post = (chain: string) =>
      fetch(`${baseUrl}/hooks/${workflowId}`, { method: 'POST', headers: { 'content-type': 'application/json', 'switchboard-run-chain': chain }, body: '{}' });
    const malformed = await post('not-a-run;depth=-1');
    expect(malformed.status).toBe(422);
    expect(await malformed.json()).toMatchObject({ code: 'REQUEST_INVALID', issues: [{ path: '/headers/switchboard-run-chain' }] });
    const root = '0b6f3c3e-9a51-4b7e-8d0c-1f2a3b4c5d6e';
    const claimed = await post(`${root};depth=1`);
    expect(claimed.status).toBe(202);
    const { run } = await engine.getRun(((await claimed.json()) as { runId: string }).runId);
    expect(run).toMatchObject({ rootRunId: root, depth: 2, parentRunId: null });
    const tooDeep = await post(`${root};depth=${MAX_DEPTH}`);
    expect(tooDeep.status).toBe(422);
    expect(await tooDeep.json()).toMatchObject({ code: 'RUN_DEPTH_LIMIT' });
  });

  it('answers webhook starts past the rate bound with 429 and Retry-After, and never counts starts from outside', async () => {
    const { engine } = harness;
    const workflowId = await publish(engine, { name: 'Busy hook', nodes: [{ id: 'hook', type: 'core.webhook', config: {} }], edges: [] });
    const post = (headers: Record<string, string>) =>
      fetch(`${baseUrl}/hooks/${workflowId}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
    const chained = { 'switchboard-run-chain': '0b6f3c3e-9a51-4b7e-8d0c-1f2a3b4c5d6e;depth=0' };
    for (let start = 0; start < MAX_CHAINED_RUNS_PER_SECOND; start += 1) expect((await post(chained)).status).toBe(202);
    const refused = await post(chained);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.json()).toMatchObject({ code: 'RUN_RATE_LIMIT' });
    // The same second, from outside: not a run started by a run, so not counted.
    expect((await post({})).status).toBe(202);
  });

  it('bounds a chain of runs started by the events their steps emit', async () => {
    const { engine } = harness;
    const workflowId = await publish(engine, {
      name: 'Emits what starts it',
      nodes: [
        { id: 'on', type: 'core.event', config: { event: 'chain.ping' } },
        { id: 'emit', type: 'test.emit', config: { event: 'chain.ping' } },
      ],
      edges: [{ from: 'on', to: 'emit' }],
    });
    const { runIds } = await engine.emit({ type: 'chain.ping' });
    const rootRunId = runIds[0] as string;
    const chain = await followChain(
      harness,
      rootRunId,
      (steps) => (steps.find((step) => step.nodeId === 'emit')?.output as { runIds?: string[] } | null)?.runIds?.[0],
    );

    expect(chain.map(({ run }) => [run.depth, run.rootRunId, run.status])).toEqual(
      Array.from({ length: MAX_DEPTH + 1 }, (_, depth) => [depth, rootRunId, depth === MAX_DEPTH ? 'failed' : 'completed']),
    );
    expect(chain.map(({ run }) => run.parentRunId)).toEqual([null, ...chain.slice(0, -1).map(({ run }) => run.id)]);
    expect(chain.at(-1)?.run.error).toMatchObject({ code: 'RUN_DEPTH_LIMIT', details: { rootRunId, depth: MAX_DEPTH + 1 } });
    expect(await runsOnceSettled(harness, workflowId)).toHaveLength(MAX_DEPTH + 1);
  });
});
