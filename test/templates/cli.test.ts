/**
 * `switchboard templates` and `switchboard import-template`, run as the app
 * binary against a schema of the test database.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSchema, type TestSchema } from '../support/test-database.ts';
import { runSwitchboard } from '../support/run-switchboard.ts';

describe('the switchboard command with templates', () => {
  let schema: TestSchema;
  let env: Record<string, string>;
  let client: pg.Client;

  beforeAll(async () => {
    schema = await createTestSchema();
    env = { DATABASE_URL: schema.databaseUrl, SWITCHBOARD_SCHEMA: schema.schema };
    client = new pg.Client({ connectionString: schema.databaseUrl });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await schema?.drop();
  });

  const workflowCount = async () => Number((await client.query(`select count(*) as count from "${schema.schema}".workflows`)).rows[0].count);

  it('imports a template in Spanish with a parameter, publishes it and prints its id', async () => {
    const result = await runSwitchboard(['import-template', 'sales-round-robin', '--language', 'es', '--param', 'queueSeconds=60', '--publish'], env);
    expect(result.code, result.output).toBe(0);
    // Log lines are JSON on stdout too; the id is the last line, on its own.
    const id = result.stdout.trim().split('\n').at(-1) ?? '';
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const row = await client.query(`select name, status, active_version, draft from "${schema.schema}".workflows where id = $1`, [id]);
    expect(row.rows[0]).toMatchObject({ name: 'Asignación automática para ventas (por turnos)', status: 'active', active_version: 1 });
    expect(row.rows[0].draft.nodes[1].config).toMatchObject({ target: 'workspace', strategy: 'round_robin', timeoutSeconds: 60 });
  });

  it('exits 1 naming a missing required parameter, and creates nothing', async () => {
    await runSwitchboard(['migrate'], env);
    const before = await workflowCount();
    const result = await runSwitchboard(['import-template', 'assign-agent-fallback-team'], env);
    expect(result.code).toBe(1);
    expect(result.output).toContain('TEMPLATE_PARAMETER_MISSING');
    expect(result.output).toContain('/parameters/agent');
    expect(result.stdout.split('\n').every((line) => line === '' || line.startsWith('{'))).toBe(true);
    expect(await workflowCount()).toBe(before);
  });

  it('lists the ten templates with their English and Spanish titles', async () => {
    const result = await runSwitchboard(['templates'], env);
    expect(result.code, result.output).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .filter((line) => !line.startsWith('{'));
    expect(lines.map((line) => line.split(/\s+/)[0])).toEqual([
      'agent-routing',
      'agents-at-capacity',
      'assign-agent-fallback-team',
      'assigned-agent-message',
      'close-and-restart-bot',
      'csat-after-close',
      'out-of-hours',
      'sales-round-robin',
      'support-least-open',
      'vip-senior-support',
    ]);
    expect(lines).toContainEqual(expect.stringMatching(/^out-of-hours\s+Out-of-hours message \/ Mensaje fuera de horario$/));
  });
});
