import { createEngine, type Engine, type EngineOptions } from '@switchboard/engine';
import { createLogger } from '@switchboard/engine';
import { createTestSchema, type TestSchema } from './test-database.ts';

export interface TestEngine {
  readonly engine: Engine;
  readonly schema: TestSchema;
  close(): Promise<void>;
}

/** An engine on a fresh schema of the test database, started, with logs kept quiet. */
export async function startTestEngine(options: Omit<EngineOptions, 'databaseUrl' | 'schema'>): Promise<TestEngine> {
  const schema = await createTestSchema();
  const engine = createEngine({ logger: createLogger('error'), ...options, databaseUrl: schema.databaseUrl, schema: schema.schema });
  await engine.start();
  return {
    engine,
    schema,
    async close() {
      await engine.stop({ timeoutMs: 5000 });
      await schema.drop();
    },
  };
}

/** Polls until the run reaches one of `statuses`; fails with the run's state when it doesn't in time. */
export async function waitForRun(engine: Engine, runId: string, statuses: readonly string[] = ['completed'], timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const detail = await engine.getRun(runId);
    if (statuses.includes(detail.run.status)) return detail;
    if (Date.now() > deadline) {
      throw new Error(
        `Run ${runId} is ${detail.run.status}, expected ${statuses.join('/')}: ${JSON.stringify({ run: detail.run, steps: detail.steps.map((step) => [step.nodeId, step.status, step.port, step.error]) })}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Creates and publishes a workflow in one go; throws with its issues if it doesn't compile. */
export async function publish(engine: Engine, definition: unknown): Promise<string> {
  const { workflow } = await engine.createWorkflow(definition);
  await engine.publishWorkflow(workflow.id);
  return workflow.id;
}
