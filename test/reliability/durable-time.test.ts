import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, createLogger, type Engine } from '@switchboard/engine';
import { corePack } from '@switchboard/nodes-core';
import { createTestSchema, type TestSchema } from '../support/test-database.ts';
import { publish, waitForRun } from '../support/test-engine.ts';

/** Promise 5: waits survive restarts and fire on time; a resume that comes early is not lost. */
describe('durable time', () => {
  let schema: TestSchema;
  let server: Server;
  let url: string;
  let engine: Engine | undefined;
  const start = async (): Promise<Engine> => {
    const created = createEngine({
      databaseUrl: schema.databaseUrl,
      schema: schema.schema,
      nodes: [...corePack],
      logger: createLogger('error'),
      // The payment server is on loopback, which the default egress policy refuses.
      egress: { allow: ['127.0.0.1'] },
    });
    await created.start();
    return created;
  };

  beforeAll(async () => {
    schema = await createTestSchema();
    server = createServer((request, response) => {
      request.resume();
      // The far side reports back (an event for the same subject) before it even answers.
      const subject = String(request.headers['x-subject']);
      void engine?.emit({ type: 'payment.confirmed', subject, data: { amount: 42 } }).then(() => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/pay`;
  });
  afterAll(async () => {
    await engine?.stop({ timeoutMs: 2000 });
    server?.close();
    await schema?.drop();
  });

  it('resumes a wait that came due while the engine was stopped', async () => {
    engine = await start();
    await publish(engine, {
      name: 'Wait two seconds',
      nodes: [
        { id: 'start', type: 'core.event', config: { event: 'nap' } },
        { id: 'pause', type: 'core.wait', config: { mode: 'duration', amount: 2, unit: 'seconds' } },
        { id: 'after', type: 'core.set_variable', config: { assignments: [{ name: 'woke', value: true }] } },
      ],
      edges: [
        { from: 'start', to: 'pause' },
        { from: 'pause', to: 'after' },
      ],
    });
    const { runIds } = await engine.emit({ type: 'nap', subject: 'nap:1' });
    const runId = runIds[0] as string;
    await waitForRun(engine, runId, ['waiting']);
    await engine.stop({ timeoutMs: 2000 });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    engine = await start();
    const { run, steps } = await waitForRun(engine, runId);
    expect(run.vars).toEqual({ woke: true });
    const pause = steps.find((step) => step.nodeId === 'pause');
    expect(pause?.status).toBe('completed');
    expect((pause?.finishedAt?.getTime() ?? 0) - (pause?.startedAt.getTime() ?? 0)).toBeGreaterThanOrEqual(2000);
  });

  it('takes an event that arrived before its wait was recorded', async () => {
    engine ??= await start();
    await publish(engine, {
      name: 'Charge then wait for confirmation',
      nodes: [
        { id: 'start', type: 'core.event', config: { event: 'order.placed' } },
        { id: 'charge', type: 'core.http_request', config: { method: 'POST', url, headers: { 'x-subject': '{{ run.subject }}' } } },
        { id: 'confirmed', type: 'core.wait', config: { mode: 'event', event: 'payment.confirmed', timeoutAmount: 30, timeoutUnit: 'seconds' } },
      ],
      edges: [
        { from: 'start', to: 'charge' },
        { from: 'charge', port: 'success', to: 'confirmed' },
      ],
    });
    const { runIds } = await engine.emit({ type: 'order.placed', subject: 'order:77' });
    const { steps } = await waitForRun(engine, runIds[0] as string, ['completed'], 10_000);
    const confirmed = steps.find((step) => step.nodeId === 'confirmed');
    expect(confirmed).toMatchObject({ status: 'completed', port: 'received' });
    expect(confirmed?.output).toMatchObject({ amount: 42 });
  });

  it('leaves by timeout when the event never comes', async () => {
    engine ??= await start();
    await publish(engine, {
      name: 'Wait for a reply or give up',
      nodes: [
        { id: 'start', type: 'core.event', config: { event: 'asked' } },
        { id: 'reply', type: 'core.wait', config: { mode: 'event', event: 'replied', timeoutAmount: 1, timeoutUnit: 'seconds' } },
      ],
      edges: [{ from: 'start', to: 'reply' }],
    });
    const { runIds } = await engine.emit({ type: 'asked', subject: 'c:9' });
    const { steps } = await waitForRun(engine, runIds[0] as string);
    expect(steps.find((step) => step.nodeId === 'reply')?.port).toBe('timeout');
  });
});
