/**
 * A custom node in a folder outside the checkout depends on `@switchboard/sdk` alone:
 * the running engine lends it its own copy, so the node loads, runs, and its
 * SwitchboardError is the engine's (recorded with its code and kind, not as a bug).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSchema, type TestSchema } from '../support/test-database.ts';
import { freePort } from '../support/free-port.ts';
import { repositoryRoot, runSwitchboard } from '../support/run-switchboard.ts';

const SHOUT = `import { defineNode, SwitchboardError, Type } from '@switchboard/sdk';

export const shout = defineNode({
  type: 'acme.shout',
  title: 'Shout',
  category: 'Custom',
  description: 'Upper-cases a text; refuses an empty one.',
  kind: 'step',
  configSchema: Type.Object({ text: Type.String() }),
  ports: ['next'],
  run: (ctx) => {
    if (ctx.config.text === '') throw new SwitchboardError('STEP_INVALID_INPUT', 'There is nothing to shout.');
    return ctx.next('next', { loud: ctx.config.text.toUpperCase() });
  },
});
`;

interface RunDetail {
  readonly run: { readonly status: string };
  readonly steps: readonly { readonly nodeId: string; readonly output: unknown; readonly error: { readonly code: string; readonly kind: string } | null }[];
}

describe('a custom node outside the checkout', () => {
  let schema: TestSchema;
  let dir: string;
  beforeAll(async () => {
    schema = await createTestSchema();
    dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-outside-'));
    await writeFile(path.join(dir, 'shout.ts'), SHOUT);
  });
  afterAll(async () => {
    await schema?.drop();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it("imports @switchboard/sdk, loads and runs, and throws the engine's SwitchboardError", async () => {
    expect(path.relative(repositoryRoot, dir).startsWith('..')).toBe(true);
    const port = await freePort();
    const token = 'custom-node-token';
    const api = async <T>(method: string, route: string, body?: unknown): Promise<T> => {
      const response = await fetch(`http://127.0.0.1:${port}${route}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return (await response.json()) as T;
    };
    const finished = async (runId: string): Promise<RunDetail> => {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const detail = await api<RunDetail>('GET', `/api/runs/${runId}`);
        if (detail.run.status === 'completed' || detail.run.status === 'failed' || Date.now() > deadline) return detail;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const flow = (text: string) => ({
      name: `Shout "${text}"`,
      nodes: [
        { id: 'start', type: 'core.manual', config: {} },
        { id: 'shout', type: 'acme.shout', config: { text } },
      ],
      edges: [{ from: 'start', to: 'shout' }],
    });
    let started = false;
    const results: RunDetail[] = [];
    const result = await runSwitchboard(
      ['start'],
      { DATABASE_URL: schema.databaseUrl, SWITCHBOARD_SCHEMA: schema.schema, PORT: String(port), SWITCHBOARD_ADMIN_TOKEN: token, SWITCHBOARD_NODES: dir },
      (output, child) => {
        if (started || !output.includes('listening on')) return;
        started = true;
        void (async () => {
          for (const text of ['hola', '']) {
            const workflow = await api<{ id: string }>('POST', '/api/workflows', flow(text));
            await api('POST', `/api/workflows/${workflow.id}/publish`);
            const { runId } = await api<{ runId: string }>('POST', `/api/workflows/${workflow.id}/runs`, { input: {} });
            results.push(await finished(runId));
          }
        })()
          .catch((error: unknown) => process.stderr.write(`custom node test failed: ${String(error)}\n`))
          .finally(() => child.kill('SIGTERM'));
      },
    );
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain(`acme.shout (${path.join(dir, 'shout.ts')})`);
    const [loud, refused] = results;
    expect(loud?.run.status).toBe('completed');
    expect(loud?.steps.find((step) => step.nodeId === 'shout')?.output).toEqual({ loud: 'HOLA' });
    expect(refused?.run.status).toBe('failed');
    // A second copy of the SDK would make this an unexpected STEP_FAILED bug.
    expect(refused?.steps.find((step) => step.nodeId === 'shout')?.error).toMatchObject({ code: 'STEP_INVALID_INPUT', kind: 'user' });
    // A start, two publishes and two runs through a child process: slow on a busy machine.
  }, 120_000);
});
