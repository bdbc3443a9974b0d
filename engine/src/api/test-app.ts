/**
 * @internal The API tests' harness: a real engine on its own Postgres schema
 * (docs/ARCHITECTURE.md, Conventions), no workers, and a server answering `inject`.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { createTestSchema, type TestSchema } from '../../../test/support/test-database.ts';
import { createEngine, type Engine, type EngineOptions } from '../engine.ts';
import { errorCatalogue } from '../errors.ts';
import { createLogger, type LogLevel } from '../logger.ts';
import type { Role } from './access.ts';
import { seedAdminToken } from './auth.ts';
import { createServer } from './create-server.ts';
import { testNodes } from './test-nodes.ts';

export const TEST_TOKEN = 'test-token';
export const authorized = { authorization: `Bearer ${TEST_TOKEN}` } as const;

export interface TestApp {
  readonly app: FastifyInstance;
  readonly engine: Engine;
  /** Lines the engine logged at `logLevel` and above (warn unless set). */
  readonly logLines: readonly string[];
  close(): Promise<void>;
}

export async function startTestApp(
  options: {
    readonly seedToken?: boolean;
    readonly logLevel?: LogLevel;
    readonly nodes?: EngineOptions['nodes'];
    readonly secretsKey?: EngineOptions['secretsKey'];
    readonly clock?: EngineOptions['clock'];
    readonly plugins?: EngineOptions['plugins'];
    readonly contextProviders?: EngineOptions['contextProviders'];
  } = {},
): Promise<TestApp & { readonly schema: TestSchema }> {
  const schema = await createTestSchema();
  const logLines: string[] = [];
  const engine = createEngine({
    databaseUrl: schema.databaseUrl,
    schema: schema.schema,
    nodes: options.nodes ?? testNodes,
    runWorkers: false,
    ...(options.secretsKey === undefined ? {} : { secretsKey: options.secretsKey }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.plugins === undefined ? {} : { plugins: options.plugins }),
    ...(options.contextProviders === undefined ? {} : { contextProviders: options.contextProviders }),
    logger: createLogger(options.logLevel ?? 'warn', {}, (line) => logLines.push(line)),
  });
  await engine.start();
  if (options.seedToken ?? true) await seedAdminToken(engine, { adminToken: TEST_TOKEN, tokenFile: '/nonexistent/unused', log: () => undefined });
  const app = await createServer(engine, { logger: false });
  return {
    app,
    engine,
    logLines,
    schema,
    async close() {
      await app.close();
      await engine.stop({ timeoutMs: 1_000 });
      await schema.drop();
    },
  };
}

let people = 0;

/** Headers with an API token of a new person with this role (their own token carries their role). */
export async function headersFor(t: Pick<TestApp, 'engine'>, role: Role): Promise<{ authorization: string }> {
  people += 1;
  const user = await t.engine.people.createUser({
    name: `${role} ${people}`,
    email: `${role}-${people}@example.com`,
    role,
    language: null,
    password: 'a long enough password',
  });
  const { token } = await t.engine.people.createApiToken({ name: `${role} token`, userId: user.id });
  return { authorization: `Bearer ${token}` };
}

/** Asserts the error body shape every failure has, and that its code is in the catalogue with this status. */
export function expectError(
  response: LightMyRequestResponse,
  statusCode: number,
  code: string,
): { statusCode: number; code: string; message: string; issues?: { path: string; code: string; message: string }[] } {
  const body = response.json<{ statusCode: number; code: string; message: string; issues?: { path: string; code: string; message: string }[] }>();
  expect({ status: response.statusCode, code: body.code }).toEqual({ status: statusCode, code });
  expect(body.statusCode).toBe(statusCode);
  expect(typeof body.message).toBe('string');
  expect(Object.keys(body).every((key) => ['statusCode', 'code', 'message', 'issues'].includes(key))).toBe(true);
  expect(Object.keys(errorCatalogue)).toContain(code);
  for (const issue of body.issues ?? []) expect(Object.keys(errorCatalogue)).toContain(issue.code);
  return body;
}

/** A definition with a trigger and one note after it. */
export function makeDefinition(trigger: { type: string; config?: Record<string, unknown> }, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Test flow',
    nodes: [
      { id: 'start', type: trigger.type, config: trigger.config ?? {} },
      { id: 'say', type: 'test.note', config: { text: 'hello' } },
    ],
    edges: [{ from: 'start', to: 'say' }],
    ...overrides,
  };
}
