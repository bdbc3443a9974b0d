/**
 * The plugin seam works for someone other than the inbox: a tiny "notes" plugin
 * brings a migration, a node, a route, an error code, a queue and a setup hook,
 * and each one does its job through the engine and the API server.
 */
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, createLogger, definePlugin, type PluginEngine } from '@switchboard/engine';
import { defineErrorCodes, defineNode, SwitchboardError, Type, type ErrorCodeEntry } from '@switchboard/sdk';
import { createServer } from '../../engine/src/api/create-server.ts';
import { seedAdminToken } from '../../engine/src/api/auth.ts';
import { publish, startTestEngine, type TestEngine, waitForRun } from '../support/test-engine.ts';
import { connectTestDatabase } from '../support/test-database.ts';
import { testEvent } from '../support/test-nodes.ts';

const notesErrors = defineErrorCodes({ NOTES_NOT_FOUND: { status: 404, kind: 'user', summary: 'No note was written for this run.' } });

declare module '@switchboard/sdk' {
  interface ErrorCodes extends Record<keyof typeof notesErrors, ErrorCodeEntry> {}
}

type NotesTables = {
  notes: { run_id: string | null; body: string };
};

const writeNote = defineNode({
  type: 'notes.write',
  title: 'Write a note',
  category: 'Notes',
  description: 'Writes a note for the run into the notes plugin table.',
  kind: 'step',
  configSchema: Type.Object({ body: Type.String() }),
  ports: ['next'],
  async run(ctx) {
    await ctx.db.withTables<NotesTables>().insertInto('notes').values({ run_id: ctx.run.id, body: ctx.config.body }).execute();
    return ctx.next('next', { written: ctx.config.body });
  },
});

function notesPlugin() {
  const setups: PluginEngine[] = [];
  let host: PluginEngine | undefined;
  const engine = () => {
    if (host === undefined) throw new SwitchboardError('INTERNAL', 'the notes plugin is not set up');
    return host;
  };
  const plugin = definePlugin({
    name: 'notes',
    nodes: [writeNote],
    migrations: {
      '0001-notes': { up: async (db) => void (await sql`create table notes (run_id uuid, body text not null)`.execute(db)) },
    },
    queues: [
      {
        name: 'notes-copy',
        handler: async (data) => {
          await engine().transaction((trx) =>
            trx
              .withTables<NotesTables>()
              .insertInto('notes')
              .values({ run_id: null, body: `copied: ${String(data['body'])}` })
              .execute(),
          );
        },
      },
    ],
    errors: notesErrors,
    routes: async (app) => {
      app.get<{ Params: { runId: string } }>('/api/notes/:runId', { config: { access: 'flows:read' } }, async (request) => {
        const notes = await engine().transaction((trx) =>
          trx.withTables<NotesTables>().selectFrom('notes').select('body').where('run_id', '=', request.params.runId).execute(),
        );
        if (notes.length === 0) throw new SwitchboardError('NOTES_NOT_FOUND', `No note was written for run ${request.params.runId}.`);
        return { notes: notes.map((note) => note.body) };
      });
    },
    setup: (given) => {
      setups.push(given);
      host = given;
    },
  });
  return { plugin, setups };
}

describe('a plugin other than the inbox', () => {
  let harness: TestEngine;
  let db: Kysely<any>;
  let notes: ReturnType<typeof notesPlugin>;
  let app: Awaited<ReturnType<typeof createServer>>;
  const authorized = { authorization: 'Bearer notes-test-token' };

  beforeAll(async () => {
    notes = notesPlugin();
    harness = await startTestEngine({ nodes: [testEvent], plugins: [notes.plugin] });
    db = connectTestDatabase(harness.schema);
    await seedAdminToken(harness.engine, { adminToken: 'notes-test-token', tokenFile: '/nonexistent/unused', log: () => undefined });
    app = await createServer(harness.engine, {});
  });
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
    await harness?.close();
  });

  it("runs its setup once, with the engine's public methods and without start or stop", () => {
    expect(notes.setups).toHaveLength(1);
    expect(notes.setups[0]).toBe(harness.engine);
    expect(harness.engine.plugins).toEqual([notes.plugin]);
  });

  it('migrates its own chain in its own table', async () => {
    expect((await sql<{ name: string }>`select name from notes_schema_migrations`.execute(db)).rows).toEqual([{ name: '0001-notes' }]);
    expect((await sql<{ name: string }>`select name from schema_migrations`.execute(db)).rows.map((row) => row.name)).not.toContain('0001-notes');
  });

  it('has its node write to its table in a run, and its route read it over HTTP behind the API token', async () => {
    const { engine } = harness;
    await publish(engine, {
      name: 'Take a note',
      nodes: [
        { id: 'start', type: 'test.event', config: { event: 'note.requested' } },
        { id: 'write', type: 'notes.write', config: { body: 'hola {{ trigger.data.name }}' } },
      ],
      edges: [{ from: 'start', to: 'write' }],
    });
    const { runIds } = await engine.emit({ type: 'note.requested', subject: 'contact:1', data: { name: 'Ana' } });
    const runId = runIds[0] as string;
    await waitForRun(engine, runId);

    const response = await app.inject({ method: 'GET', url: `/api/notes/${runId}`, headers: authorized });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ notes: ['hola Ana'] });
    expect((await app.inject({ method: 'GET', url: `/api/notes/${runId}` })).statusCode).toBe(401);
  });

  it('answers its own error code in the HTTP error body, with its status', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/notes/00000000-0000-4000-8000-000000000000', headers: authorized });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ statusCode: 404, code: 'NOTES_NOT_FOUND', message: 'No note was written for run 00000000-0000-4000-8000-000000000000.' });
  });

  it('works a job of its queue, sent in a transaction', async () => {
    const { engine } = harness;
    await engine.transaction((trx) => engine.enqueue(trx, 'notes-copy', { body: 'from a job' }));
    const deadline = Date.now() + 10_000;
    let copied: unknown[] = [];
    while (copied.length === 0 && Date.now() < deadline) {
      copied = (await sql`select body from notes where body = 'copied: from a job'`.execute(db)).rows;
      if (copied.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(copied).toEqual([{ body: 'copied: from a job' }]);
  });
});

describe('a plugin in production conditions', () => {
  it('migrates past the runtime statement timeout, and logs a failing job of its queue with the queue name, by whose fault it is', async () => {
    const lines: string[] = [];
    let attempts = 0;
    const slow = definePlugin({
      name: 'slow',
      // Longer than the sessions' statement timeout below: a migration is not a step.
      migrations: { '0001-slow': { up: async (db) => void (await sql`select pg_sleep(1.5)`.execute(db)) } },
      queues: [
        {
          name: 'slow-work',
          retryLimit: 3,
          retryDelaySeconds: 1,
          handler: async () => {
            attempts += 1;
            if (attempts === 1) throw new Error('the first attempt fails');
            if (attempts === 2) throw new SwitchboardError('STEP_UPSTREAM_FAILED', 'the upstream answered 503');
          },
        },
      ],
    });
    const harness = await startTestEngine({
      nodes: [],
      plugins: [slow],
      sessionTimeouts: { statementTimeoutMs: 1000 },
      logger: createLogger('info', {}, (line) => lines.push(line)),
    });
    try {
      await harness.engine.transaction((trx) => harness.engine.enqueue(trx, 'slow-work', {}));
      await expect.poll(() => attempts, { timeout: 20_000 }).toBe(3);
      const logged = lines.map((line) => JSON.parse(line) as { level: string; msg: string; queue?: string }).filter((line) => line.queue === 'slow-work');
      // A bug is an error; an outside failure (operational) is a warning: a retry is its remedy.
      expect(logged.map((line) => [line.level, line.msg])).toEqual([
        ['error', 'job failed; pg-boss retries it'],
        ['warn', 'job failed for an outside reason; pg-boss retries it'],
      ]);
    } finally {
      await harness.close();
    }
  });
});

describe('installing plugins', () => {
  const engineWith = (plugins: Parameters<typeof createEngine>[0]['plugins']) =>
    createEngine({ databaseUrl: 'postgres://unused@127.0.0.1:1/none', nodes: [], plugins, runWorkers: false, logger: createLogger('silent') });

  it('refuses two plugins of one name, a queue the engine owns, and an error code the engine registered', () => {
    expect(() => engineWith([definePlugin({ name: 'twin' }), definePlugin({ name: 'twin' })])).toThrow(
      expect.objectContaining({ code: 'PLUGIN_INVALID', message: expect.stringContaining('"twin"') }),
    );
    expect(() => engineWith([definePlugin({ name: 'greedy', queues: [{ name: 'switchboard-run', handler: async () => undefined }] })])).toThrow(
      expect.objectContaining({ code: 'PLUGIN_INVALID', message: expect.stringContaining('switchboard-run') }),
    );
    // The dead-letter queue is the engine's too: a second worker on it would take dead jobs whose runs then never fail.
    expect(() => engineWith([definePlugin({ name: 'vulture', queues: [{ name: 'switchboard-run-dead', handler: async () => undefined }] })])).toThrow(
      expect.objectContaining({ code: 'PLUGIN_INVALID', message: expect.stringContaining('switchboard-run-dead') }),
    );
    expect(() => engineWith([definePlugin({ name: 'thief', errors: { RUN_NOT_FOUND: { status: 404, kind: 'user', summary: 'mine' } } })])).toThrow(
      expect.objectContaining({ code: 'PLUGIN_INVALID', message: expect.stringContaining('RUN_NOT_FOUND') }),
    );
    expect(() => engineWith([definePlugin({ name: 'Bad-Name' })])).toThrow(expect.objectContaining({ code: 'PLUGIN_INVALID' }));
  });

  it('names the plugin when its node type collides with another pack', () => {
    expect(() => engineWith([definePlugin({ name: 'copycat', nodes: [testEvent] }), definePlugin({ name: 'original', nodes: [testEvent] })])).toThrow(
      expect.objectContaining({
        code: 'NODE_DUPLICATE_TYPE',
        message: expect.stringMatching(/plugin "copycat".*plugin "original"|plugin "original".*plugin "copycat"/),
      }),
    );
  });
});
