/**
 * 0012-flow-editor on a database with workflows in it: a published workflow whose draft is
 * still what it published has no unpublished changes, one edited since has, and neither
 * needs a save to say so.
 */
import { type Kysely, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTestDatabase, createTestSchema, type TestSchema } from '../../../test/support/test-database.ts';
import { migrateDatabase } from './migrate-database.ts';
import { findWorkflow } from './workflows.ts';
import * as initial from './migrations/0001-initial.ts';
import * as runOrder from './migrations/0003-run-order.ts';
import * as scheduleKeys from './migrations/0004-schedule-keys.ts';
import * as workflowRevisions from './migrations/0006-workflow-revisions.ts';
import * as workflowArchive from './migrations/0007-workflow-archive.ts';
import * as retention from './migrations/0008-retention.ts';
import * as secrets from './migrations/0009-secrets.ts';
import * as runChain from './migrations/0010-run-chain.ts';
import * as people from './migrations/0011-people.ts';

/** The engine's chain as it was before 0012. */
async function migrateTo0011(db: Kysely<unknown>, schema: string): Promise<void> {
  const migrations = {
    '0001-initial': initial,
    '0003-run-order': runOrder,
    '0004-schedule-keys': scheduleKeys,
    '0006-workflow-revisions': workflowRevisions,
    '0007-workflow-archive': workflowArchive,
    '0008-retention': retention,
    '0009-secrets': secrets,
    '0010-run-chain': runChain,
    '0011-people': people,
  };
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: schema,
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
  const { error } = await migrator.migrateToLatest();
  if (error !== undefined) throw error;
}

const definition = (name: string, reentry: string) => ({
  name,
  description: 'Same everywhere',
  nodes: [{ id: 'start', type: 'core.manual', config: {} }],
  edges: [],
  settings: { reentry },
});

describe('0012-flow-editor on workflows saved before it', () => {
  let schema: TestSchema;
  let db: Kysely<any>;
  const ids: Record<'unchanged' | 'renamed' | 'edited' | 'never', string> = { unchanged: '', renamed: '', edited: '', never: '' };

  beforeAll(async () => {
    schema = await createTestSchema();
    db = connectTestDatabase(schema);
    await migrateTo0011(db, schema.schema);
    const insert = async (name: string, draft: unknown, published: unknown) => {
      const row = await sql<{ id: string }>`
        insert into workflows (name, draft, status, active_version, revision)
        values (${name}, ${JSON.stringify(draft)}::json, ${published === undefined ? 'draft' : 'active'}, ${published === undefined ? null : 1}, 4)
        returning id
      `.execute(db);
      const id = row.rows[0]?.id as string;
      if (published !== undefined) {
        await sql`insert into workflow_versions (workflow_id, version, definition, graph) values (${id}, 1, ${JSON.stringify(published)}::jsonb, '{}'::jsonb)`.execute(
          db,
        );
      }
      return id;
    };
    // The draft's keys in another order than jsonb keeps the version's: still the same content.
    const unchanged = definition('Unchanged', 'ignore');
    ids.unchanged = await insert('Unchanged', Object.fromEntries(Object.entries(unchanged).reverse()), unchanged);
    ids.renamed = await insert('Renamed', definition('Renamed', 'ignore'), definition('Old name', 'ignore'));
    ids.edited = await insert('Edited', definition('Edited', 'restart'), definition('Edited', 'ignore'));
    ids.never = await insert('Never published', definition('Never published', 'ignore'), undefined);
    await migrateDatabase(db, schema.schema);
  });
  afterAll(async () => {
    await db?.destroy();
    await schema?.drop();
  });

  it('marks only the drafts that differ from their active version as having unpublished changes', async () => {
    const changes = async (id: string) => (await findWorkflow(db, id))?.hasUnpublishedChanges;
    expect(await changes(ids.unchanged)).toBe(false);
    expect(await changes(ids.renamed)).toBe(false);
    expect(await changes(ids.edited)).toBe(true);
    expect(await changes(ids.never)).toBe(false);
  });

  it('names no author for drafts saved before it, and no publisher for their versions', async () => {
    expect((await findWorkflow(db, ids.unchanged))?.updatedBy).toBeNull();
    const versions = await sql<{ note: string | null; published_by: string | null }>`select note, published_by from workflow_versions`.execute(db);
    expect(versions.rows.every((row) => row.note === null && row.published_by === null)).toBe(true);
  });
});
