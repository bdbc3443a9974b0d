/**
 * Issue 8, finding 5: rendered request headers, tokens included, were stored in the step's
 * input and returned by GET /api/runs/:id. Secrets are now stored encrypted, referenced as
 * `{{ secrets.NAME }}`, and never appear in run data, step records, logs or API responses.
 */
import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEngine, createLogger, createServer, type Engine, type EngineOptions } from '@switchboard/engine';
import { defineNode, Type } from '@switchboard/engine/sdk';
import { corePack } from '@switchboard/nodes-core';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAdminToken } from '../../engine/src/api/auth.ts';
import { decryptSecret } from '../../engine/src/secrets/secret-cipher.ts';
import { keyIdOf } from '../../engine/src/secrets/secrets-key.ts';
import { connectTestDatabase, createTestSchema, type TestSchema } from '../support/test-database.ts';
import { publish, startTestEngine, type TestEngine, waitForRun } from '../support/test-engine.ts';

const API_TOKEN = 'tok_live_8d3f0a9c51e2b7';
const CRM_TOKEN = 'crm_3b1f9e77d0c2';

/** Reads a secret in its own code, logs it, returns it and, when asked, throws it. */
const reveal = defineNode({
  type: 'test.reveal',
  title: 'Reveal',
  category: 'Test',
  description: 'Does everything a careless node could do with a secret.',
  kind: 'step',
  configSchema: Type.Object({ name: Type.String(), fail: Type.Boolean({ default: false }) }),
  ports: ['next'],
  run: async (ctx) => {
    const value = await ctx.secrets.get(ctx.config.name);
    ctx.log.info(`calling the CRM with ${value}`, { token: value, error: new Error(`rejected ${value}`) });
    if (ctx.config.fail) throw new Error(`the CRM refused ${value}`);
    return ctx.next('next', { value, length: value.length }, { copied: value });
  },
});

const key = randomBytes(32);

/**
 * The engine options of every engine in this file, in one place: when http_request refuses
 * loopback addresses by default (the egress policy), the echo server's address is allowed here.
 */
function engineOptions(lines: string[]): Omit<EngineOptions, 'databaseUrl' | 'schema'> {
  return {
    nodes: [...corePack, reveal],
    secretsKey: { current: key },
    logger: createLogger('info', {}, (line) => lines.push(line)),
    // The echo server is on loopback, which the default egress policy refuses.
    egress: { allow: ['127.0.0.1'] },
  };
}

describe('secrets in runs', () => {
  let harness: TestEngine;
  let engine: Engine;
  let db: Kysely<any>;
  let api: Awaited<ReturnType<typeof createServer>>;
  let echo: Server;
  let url: string;
  const lines: string[] = [];
  const received: (string | undefined)[] = [];

  beforeAll(async () => {
    // Echoes the Authorization header back in its body, as many debugging endpoints do.
    echo = createHttpServer((request, response) => {
      received.push(request.headers.authorization);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ authorization: request.headers.authorization, query: request.url }));
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
    harness = await startTestEngine(engineOptions(lines));
    engine = harness.engine;
    db = connectTestDatabase(harness.schema);
    await seedAdminToken(engine, { adminToken: 'secrets-test-token', tokenFile: '/nonexistent/unused', log: () => undefined });
    api = await createServer(engine, {});
    await engine.putSecret('API_TOKEN', API_TOKEN);
    await engine.putSecret('CRM_TOKEN', CRM_TOKEN);
  });
  afterAll(async () => {
    await api?.close();
    await db?.destroy();
    await harness?.close();
    echo?.close();
  });

  /** Everything a run left in Postgres: the run row, its step rows, its waits, the events table. */
  async function storedRows(runId: string): Promise<string> {
    const [runs, steps, waits, events] = await Promise.all([
      db.selectFrom('runs').selectAll().where('id', '=', runId).execute(),
      db.selectFrom('steps').selectAll().where('run_id', '=', runId).execute(),
      db.selectFrom('waits').selectAll().where('run_id', '=', runId).execute(),
      db.selectFrom('events').selectAll().execute(),
    ]);
    return JSON.stringify({ runs, steps, waits, events });
  }

  async function runResponse(runId: string): Promise<{ text: string; body: any }> {
    const response = await api.inject({ method: 'GET', url: `/api/runs/${runId}`, headers: { authorization: 'Bearer secrets-test-token' } });
    expect(response.statusCode).toBe(200);
    return { text: response.body, body: response.json() };
  }

  it('sends the token to the server, and keeps it out of GET /api/runs/:id, the stored rows and the log', async () => {
    const workflowId = await publish(engine, {
      name: 'Call the API with a token',
      nodes: [
        { id: 'start', type: 'core.manual', config: {} },
        {
          id: 'call',
          type: 'core.http_request',
          config: {
            method: 'GET',
            url: `${url}/echo?key={{ secrets.API_TOKEN }}`,
            headers: { authorization: 'Bearer {{ secrets.API_TOKEN }}' },
            saveAs: 'reply',
          },
        },
        {
          id: 'keep',
          type: 'core.set_variable',
          config: {
            assignments: [
              { name: 'token', value: '{{ secrets.API_TOKEN }}' },
              { name: 'echoed', value: '{{ vars.reply.body.authorization }}' },
            ],
          },
        },
      ],
      edges: [
        { from: 'start', to: 'call' },
        { from: 'call', port: 'success', to: 'keep' },
      ],
    });
    const { runId } = await engine.startManualRun(workflowId, {}, null);
    const { run } = await waitForRun(engine, runId);
    expect(received).toEqual([`Bearer ${API_TOKEN}`]);

    const { text, body } = await runResponse(runId);
    expect(text).not.toContain(API_TOKEN);
    const call = body.steps.find((step: { nodeId: string }) => step.nodeId === 'call');
    // The record still explains the step: where the secret went, by name.
    expect(call.input.headers).toEqual({ authorization: 'Bearer [secret:API_TOKEN]' });
    expect(call.input.url).toBe(`${url}/echo?key=[secret:API_TOKEN]`);
    expect(call.output.body).toEqual({ authorization: 'Bearer [secret:API_TOKEN]', query: '/echo?key=[secret:API_TOKEN]' });
    expect(run.vars).toMatchObject({ token: '[secret:API_TOKEN]', echoed: 'Bearer [secret:API_TOKEN]' });

    expect(await storedRows(runId)).not.toContain(API_TOKEN);
    expect(lines.join('\n')).not.toContain(API_TOKEN);
  });

  it('scrubs what a custom node gets from ctx.secrets.get out of its output, vars, log lines and errors', async () => {
    const workflowId = await publish(engine, {
      name: 'A careless node',
      nodes: [
        { id: 'start', type: 'core.manual', config: {} },
        { id: 'reveal', type: 'test.reveal', config: { name: 'CRM_TOKEN' } },
      ],
      edges: [{ from: 'start', to: 'reveal' }],
    });
    const { runId } = await engine.startManualRun(workflowId, {}, null);
    const { run, steps } = await waitForRun(engine, runId);
    expect(steps.find((step) => step.nodeId === 'reveal')?.output).toEqual({ value: '[secret:CRM_TOKEN]', length: CRM_TOKEN.length });
    expect(run.vars).toEqual({ copied: '[secret:CRM_TOKEN]' });
    const logged = lines.map((line) => JSON.parse(line)).find((line) => line.runId === runId && line.nodeId === 'reveal');
    expect(logged).toMatchObject({
      msg: 'calling the CRM with [secret:CRM_TOKEN]',
      token: '[secret:CRM_TOKEN]',
      error: { message: 'rejected [secret:CRM_TOKEN]' },
    });

    const failing = await publish(engine, {
      name: 'A careless node that throws',
      nodes: [
        { id: 'start', type: 'core.manual', config: {} },
        { id: 'reveal', type: 'test.reveal', config: { name: 'CRM_TOKEN', fail: true } },
      ],
      edges: [{ from: 'start', to: 'reveal' }],
    });
    const failed = await engine.startManualRun(failing, {}, null);
    const detail = await waitForRun(engine, failed.runId, ['failed']);
    expect(detail.run.error).toMatchObject({ code: 'STEP_FAILED', message: expect.stringContaining('the CRM refused [secret:CRM_TOKEN]') });
    expect(lines.some((line) => line.includes('a node threw an unexpected error') && line.includes('the CRM refused [secret:CRM_TOKEN]'))).toBe(true);

    for (const id of [runId, failed.runId]) {
      expect((await runResponse(id)).text).not.toContain(CRM_TOKEN);
      expect(await storedRows(id)).not.toContain(CRM_TOKEN);
    }
    expect(lines.join('\n')).not.toContain(CRM_TOKEN);
  });

  it('refuses to publish a flow that names a missing secret, and fails a step whose secret was deleted since', async () => {
    const flow = {
      name: 'Needs a secret',
      nodes: [
        { id: 'start', type: 'core.manual', config: {} },
        { id: 'call', type: 'core.http_request', config: { url: `${url}/x`, headers: { authorization: 'Bearer {{ secrets.LATER }}' } } },
      ],
      edges: [{ from: 'start', to: 'call' }],
    };
    const { workflow, issues } = await engine.createWorkflow(flow);
    expect(issues).toEqual([
      {
        path: '/nodes/1/config/headers/authorization',
        code: 'CONFIG_REFERENCE_NOT_FOUND',
        message: expect.stringContaining('reads the secret "LATER", which does not exist'),
      },
    ]);
    await expect(engine.publishWorkflow(workflow.id)).rejects.toMatchObject({ code: 'CONFIG_REFERENCE_NOT_FOUND', status: 422 });

    await engine.putSecret('LATER', 'later-value');
    await engine.publishWorkflow(workflow.id);
    await engine.deleteSecret('LATER');
    const before = received.length;
    const { runId } = await engine.startManualRun(workflow.id, {}, null);
    const { run, steps } = await waitForRun(engine, runId, ['failed']);
    expect(steps.find((step) => step.nodeId === 'call')?.error).toMatchObject({ code: 'SECRET_NOT_FOUND', kind: 'user' });
    expect(run.error?.message).toContain('Secret "LATER" does not exist');
    // Nothing was sent with an empty Authorization header.
    expect(received.length).toBe(before);
  });

  it('verifies a webhook signed with a secret from the store, and refuses the request once it is gone', async () => {
    const { createHmac } = await import('node:crypto');
    await engine.putSecret('ORDER_HOOK', 'whsec_7f2c');
    const literal = await engine.createWorkflow({
      name: 'Signed with a written-in secret',
      nodes: [
        { id: 'hook', type: 'core.webhook', config: { secret: 'whsec_7f2c' } },
        { id: 'keep', type: 'core.set_variable', config: { assignments: [{ name: 'ok', value: true }] } },
      ],
      edges: [{ from: 'hook', to: 'keep' }],
    });
    expect(literal.issues).toEqual([
      { path: '/nodes/0/config/secret', code: 'CONFIG_INVALID', message: expect.stringContaining('must be a stored secret, not text in the workflow') },
    ]);
    expect(JSON.stringify(literal.issues)).not.toContain('whsec_7f2c');

    const workflowId = await publish(engine, {
      name: 'Signed with a stored secret',
      nodes: [
        { id: 'hook', type: 'core.webhook', config: { secret: '{{ secrets.ORDER_HOOK }}' } },
        { id: 'keep', type: 'core.set_variable', config: { assignments: [{ name: 'ok', value: true }] } },
      ],
      edges: [{ from: 'hook', to: 'keep' }],
    });
    const rawBody = JSON.stringify({ order: 1 });
    const sign = (secret: string) => `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
    const send = (signature: string) => engine.runWebhook(workflowId, { headers: { 'x-switchboard-signature': signature }, rawBody, body: { order: 1 } });
    await expect(send(sign('{{ secrets.ORDER_HOOK }}'))).rejects.toMatchObject({ code: 'WEBHOOK_SIGNATURE_INVALID' });
    const { runId } = await send(sign('whsec_7f2c'));
    expect((await waitForRun(engine, runId)).run.vars).toEqual({ ok: true });

    await engine.deleteSecret('ORDER_HOOK');
    const refused = await send(sign('whsec_7f2c')).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'SECRET_NOT_FOUND', status: 503 });
    expect((refused as Error).message).not.toContain('ORDER_HOOK');
    expect(lines.some((line) => line.includes('webhook refused') && line.includes('ORDER_HOOK'))).toBe(true);
  });
});

describe('the secrets key', () => {
  let schema: TestSchema;
  let db: Kysely<any>;
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);

  async function started(secretsKey: EngineOptions['secretsKey']): Promise<Engine> {
    const engine = createEngine({
      databaseUrl: schema.databaseUrl,
      schema: schema.schema,
      nodes: corePack,
      runWorkers: false,
      logger: createLogger('silent'),
      ...(secretsKey === undefined ? {} : { secretsKey }),
    });
    try {
      await engine.start();
    } catch (error) {
      await engine.stop({ timeoutMs: 0 });
      throw error;
    }
    return engine;
  }

  beforeAll(async () => {
    schema = await createTestSchema();
    db = connectTestDatabase(schema);
    const engine = await started(undefined);
    // No secrets yet: a process without a key starts.
    await engine.stop({ timeoutMs: 0 });
    const writer = await started({ current: oldKey });
    await writer.putSecret('API_TOKEN', API_TOKEN);
    await writer.putSecret('CRM_TOKEN', CRM_TOKEN);
    await writer.stop({ timeoutMs: 0 });
  });
  afterAll(async () => {
    await db?.destroy();
    await schema?.drop();
  });

  it('stores ciphertext under the key id, never the value', async () => {
    const rows = await db.selectFrom('secrets').selectAll().orderBy('name').execute();
    expect(rows.map((row) => [row.name, row.key_id])).toEqual([
      ['API_TOKEN', keyIdOf(oldKey)],
      ['CRM_TOKEN', keyIdOf(oldKey)],
    ]);
    for (const row of rows) {
      expect(row.ciphertext.includes(Buffer.from(API_TOKEN))).toBe(false);
      expect(row.ciphertext.includes(Buffer.from(CRM_TOKEN))).toBe(false);
    }
  });

  it('refuses to start without the key, or with another one, naming the key ids', async () => {
    await expect(started(undefined)).rejects.toMatchObject({
      code: 'CONFIG_ENV_INVALID',
      message: expect.stringContaining(`The database holds 2 secrets, but this process has no key to read them`),
    });
    await expect(started({ current: newKey })).rejects.toMatchObject({
      code: 'CONFIG_ENV_INVALID',
      message: expect.stringContaining(
        `2 secrets are encrypted with key ${keyIdOf(oldKey)}, which this process does not have (SWITCHBOARD_SECRETS_KEY is key ${keyIdOf(newKey)})`,
      ),
    });
  });

  it('re-encrypts every secret under a new key, reading the old ones with the previous key', async () => {
    const rotating = await started({ current: newKey, previous: [oldKey] });
    try {
      expect(await rotating.reencryptSecrets()).toEqual({ reencrypted: 2 });
      expect(await rotating.reencryptSecrets()).toEqual({ reencrypted: 0 });
    } finally {
      await rotating.stop({ timeoutMs: 0 });
    }
    const rows = await db.selectFrom('secrets').selectAll().orderBy('name').execute();
    expect(
      rows.map((row) => decryptSecret({ current: newKey, previous: [] }, { name: row.name, ciphertext: row.ciphertext, iv: row.iv, keyId: row.key_id })),
    ).toEqual([API_TOKEN, CRM_TOKEN]);
    // The old key is no longer needed; the new one alone starts.
    await (await started({ current: newKey })).stop({ timeoutMs: 0 });
    await expect(started({ current: oldKey })).rejects.toMatchObject({ code: 'CONFIG_ENV_INVALID' });
  });
});
