import pg from 'pg';
import type { TestSchema } from './test-database.ts';

export interface JobFilter {
  /** The pg-boss queue, e.g. `switchboard-run`. */
  readonly queue: string;
  /** Jobs whose data has this top-level field equal to this text value (e.g. `{ timeoutWaitId: id }`); all jobs of the queue when absent. */
  readonly data?: Readonly<Record<string, string>>;
  /** Job ids, e.g. as `send` returned them. */
  readonly ids?: readonly string[];
}

/**
 * The positive marker a test waits for instead of sleeping: polls pg-boss's job table until at
 * least `atLeast` jobs match and every one of them has settled (completed, failed or cancelled),
 * then returns their states. A test that asserts "nothing happened" after a job ran waits here
 * first, so the job really had its chance.
 */
export async function waitForJobsSettled(
  schema: Pick<TestSchema, 'databaseUrl' | 'schema'>,
  filter: JobFilter,
  options: { readonly atLeast?: number; readonly timeoutMs?: number } = {},
): Promise<string[]> {
  const atLeast = options.atLeast ?? 1;
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  const client = new pg.Client({ connectionString: schema.databaseUrl });
  await client.connect();
  try {
    const conditions = ['name = $1'];
    const values: unknown[] = [filter.queue];
    for (const [field, value] of Object.entries(filter.data ?? {})) {
      values.push(field, value);
      conditions.push(`data ->> $${values.length - 1} = $${values.length}`);
    }
    if (filter.ids !== undefined) {
      values.push(filter.ids);
      conditions.push(`id = any($${values.length}::uuid[])`);
    }
    for (;;) {
      const { rows } = await client.query<{ state: string }>(`select state from "${schema.schema}_boss".job where ${conditions.join(' and ')}`, values);
      const states = rows.map((row) => row.state);
      if (states.length >= atLeast && states.every((state) => state === 'completed' || state === 'failed' || state === 'cancelled')) return states;
      if (Date.now() > deadline) throw new Error(`pg-boss jobs ${JSON.stringify(filter)} did not settle: ${JSON.stringify(states)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    await client.end();
  }
}
