/**
 * The `switchboard` command. `start` runs the API and workers in one process
 * (the default); `api` and `worker` split them across processes, any number of
 * each, against one Postgres; `migrate` and `import` are one-shot tasks.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig, requireDatabaseUrl, type Config } from './config.ts';
import { createEngine, type Engine, type QueueDefinition } from './engine.ts';
import { createLogger, type Logger } from './logger.ts';
import { isSwitchboardError } from './errors.ts';
import type { AnyNodeDefinition, ContextProvider } from './sdk.ts';
import type { NodeRegistration } from './graph/node-catalog.ts';
import { loadCustomNodes } from './load-custom-nodes.ts';
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from './store/embedded-postgres.ts';
import { connectDatabase } from './store/connect-database.ts';
import { migrateDatabase } from './store/migrate-database.ts';
import { createServer } from './api/create-server.ts';
import type { SwitchboardPlugin } from './plugin.ts';
import { installPlugins } from './install-plugins.ts';
import { seedAdminToken } from './api/auth.ts';
import { asDatabaseUnreachable } from './database-unreachable.ts';
import { findRunningInstance, recordRunningInstance } from './running-instance.ts';
import { createStartUpMessages, type StartUpMessages } from './start-up-messages.ts';
import { waitForStopSignal } from './stop-signal.ts';
import { createTeardown } from './teardown.ts';

/** What an application installs on the engine: built-in packs and plugins such as the inbox. */
export interface AppWiring {
  readonly nodes: readonly (AnyNodeDefinition | NodeRegistration<AnyNodeDefinition>)[];
  readonly queues?: readonly QueueDefinition[];
  readonly contextProviders?: readonly ContextProvider[];
  /** Consumers of the engine (the inbox): nodes, queues, migrations, routes, error codes, setup. */
  readonly plugins?: readonly SwitchboardPlugin[];
  /** The bundled templates directory. */
  readonly templatesDir?: string;
  /** Extra commands. They get a started engine without workers. */
  readonly commands?: Readonly<
    Record<string, { readonly usage: string; readonly run: (engine: Engine, args: readonly string[], log: Logger) => Promise<void> }>
  >;
}

const USAGE = `Usage: switchboard <command>

Commands:
  start               API and workers in one process (default)
  api                 the HTTP API only
  worker              workers only
  migrate             apply database migrations and exit
  import <file.json>  create a draft workflow from a definition file [--publish]
  import-template <id> [--language en|es] [--param name=value]... [--publish]
                      create a draft workflow from a bundled template; values are
                      JSON (a schedule, a number) or plain text
  templates           list the bundled templates
`;

/**
 * Runs one command. `wiring` may be a function, called only by commands that run the engine:
 * building it can fail on settings (the inbox checks SWITCHBOARD_CHANNELS), and `help` must
 * work whatever the settings.
 */
export async function runCli(argv: readonly string[], wire: AppWiring | (() => AppWiring)): Promise<number> {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: false,
    options: { publish: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, language: { type: 'string' }, param: { type: 'string', multiple: true } },
  });
  const command = positionals[0] ?? 'start';
  if (values.help === true || command === 'help') {
    process.stdout.write(
      USAGE +
        Object.values(wiringForHelp(wire)?.commands ?? {})
          .map((entry) => `  ${entry.usage}\n`)
          .join(''),
    );
    return 0;
  }
  let config: Config;
  let wiring: AppWiring;
  try {
    config = readConfig();
    if (command === 'api' || command === 'worker') requireDatabaseUrl(config, command);
    wiring = typeof wire === 'function' ? wire() : wire;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  const extra = wiring.commands ?? {};
  const log = createLogger(config.logLevel);
  try {
    switch (command) {
      case 'start':
      case 'api':
      case 'worker':
        return await serve(command, config, wiring, log);
      case 'migrate':
        return await withDatabase(config, log, async (databaseUrl) => {
          const database = connectDatabase({ connectionString: databaseUrl, schema: config.schema });
          try {
            const { applied } = await migrateDatabase(database.db, config.schema, installPlugins(wiring.plugins ?? [], wiring.queues ?? []).migrationChains);
            log.info(applied.length === 0 ? 'database is up to date' : 'database migrated', { schema: config.schema, applied });
          } finally {
            await database.close();
          }
          return 0;
        });
      case 'import':
        return await withEngine(config, wiring, log, async (engine) => {
          const file = positionals[1];
          if (file === undefined) throw new Error('import needs a file: switchboard import <file.json> [--publish]');
          const document = JSON.parse(await readFile(path.resolve(file), 'utf8')) as unknown;
          const { workflow, issues } = await engine.createWorkflow(document);
          log.info('workflow imported as a draft', { id: workflow.id, name: workflow.name, issues: issues.length });
          for (const issue of issues) log.warn('must be fixed before publishing', { path: issue.path, message: issue.message });
          if (values.publish === true) {
            const { version } = await engine.publishWorkflow(workflow.id);
            log.info('workflow published', { id: workflow.id, version: version.version });
          }
          process.stdout.write(`${workflow.id}\n`);
        });
      case 'templates': {
        // Templates are files checked against the installed node types: no database needed, so
        // this works beside a running `start` and with no Postgres at all. The engine connects
        // on start(), never before, so one that is built and not started opens no connection.
        const engine = await buildEngine(config, wiring, log, config.databaseUrl ?? 'postgres://templates-need-no-database.invalid/', false);
        try {
          for (const template of await engine.templates.list()) {
            const missing = template.missingNodeTypes.length === 0 ? '' : `  (needs ${template.missingNodeTypes.join(', ')})`;
            process.stdout.write(`${template.id.padEnd(28)} ${template.title.en} / ${template.title.es}${missing}\n`);
          }
        } finally {
          await engine.stop({ timeoutMs: 0 });
        }
        return 0;
      }
      case 'import-template':
        return await withEngine(config, wiring, log, async (engine) => {
          const id = positionals[1];
          if (id === undefined) throw new Error('import-template needs a template id; `switchboard templates` lists them.');
          const language = values.language === 'es' ? 'es' : 'en';
          if (values.language !== undefined && values.language !== 'en' && values.language !== 'es')
            throw new Error(`--language must be en or es, found "${String(values.language)}".`);
          const { workflow, issues } = await engine.importTemplate(id, { language, parameters: parseParams(values.param) });
          log.info('template imported as a draft', { template: id, id: workflow.id, name: workflow.name, issues: issues.length });
          for (const issue of issues) log.warn('must be fixed before publishing', { path: issue.path, message: issue.message });
          if (values.publish === true) {
            const { version } = await engine.publishWorkflow(workflow.id);
            log.info('workflow published', { id: workflow.id, version: version.version });
          }
          process.stdout.write(`${workflow.id}\n`);
        });
      default: {
        const entry = extra[command];
        if (entry === undefined) {
          process.stderr.write(`Unknown command "${command}".\n\n${USAGE}`);
          return 2;
        }
        return await withEngine(config, wiring, log, (engine) => entry.run(engine, positionals.slice(1), log));
      }
    }
  } catch (caught) {
    const error = asDatabaseUnreachable(caught, config.databaseUrl) ?? caught;
    if (isSwitchboardError(error)) {
      log.error(error.message, { code: error.code, ...(error.issues === undefined ? {} : { issues: error.issues }) });
    } else {
      log.error('switchboard failed', { error });
    }
    return 1;
  }
}

/** The wiring, for listing its extra commands; one that cannot be built adds none (the command that needs it says why). */
function wiringForHelp(wire: AppWiring | (() => AppWiring)): AppWiring | undefined {
  if (typeof wire !== 'function') return wire;
  try {
    return wire();
  } catch {
    return undefined;
  }
}

/** `--param team=<uuid> --param schedule='[...]'`: JSON where it parses, text otherwise. */
function parseParams(raw: unknown): Record<string, unknown> {
  const parameters: Record<string, unknown> = {};
  for (const item of Array.isArray(raw) ? raw : []) {
    const text = String(item);
    const at = text.indexOf('=');
    if (at <= 0) throw new Error(`--param takes name=value, found "${text}".`);
    const value = text.slice(at + 1);
    try {
      parameters[text.slice(0, at)] = JSON.parse(value);
    } catch {
      parameters[text.slice(0, at)] = value;
    }
  }
  return parameters;
}

async function buildEngine(config: Config, wiring: AppWiring, log: Logger, databaseUrl: string, runWorkers: boolean): Promise<Engine> {
  const custom = await loadCustomNodes({ dirs: config.nodeDirs, packages: config.nodePackages, cwd: process.cwd() });
  const engine = createEngine({
    databaseUrl,
    schema: config.schema,
    nodes: [...wiring.nodes, ...custom],
    queues: wiring.queues ?? [],
    contextProviders: wiring.contextProviders ?? [],
    plugins: wiring.plugins ?? [],
    runWorkers,
    workerConcurrency: config.workerConcurrency,
    timerConcurrency: config.timerConcurrency,
    sessionTimeouts: config.sessionTimeouts,
    maxConnections: config.databasePoolSize,
    queueMaxConnections: config.queuePoolSize,
    retentionDays: config.retentionDays,
    logger: log,
    ...(wiring.templatesDir === undefined ? {} : { templatesDir: wiring.templatesDir }),
  });
  if (custom.length > 0) log.info('custom nodes loaded', { nodes: custom.map((item) => `${item.node.type} (${item.source})`) });
  return engine;
}

async function withEngine(config: Config, wiring: AppWiring, log: Logger, body: (engine: Engine) => Promise<void>): Promise<number> {
  return withDatabase(config, log, async (databaseUrl) => {
    const engine = await buildEngine(config, wiring, log, databaseUrl, false);
    try {
      // Inside the try: a start that fails halfway (migrated, pg-boss not started) still closes its pools.
      await engine.start();
      await body(engine);
    } finally {
      await engine.stop({ timeoutMs: 5000 });
    }
    return 0;
  });
}

/**
 * Runs `body` on DATABASE_URL; without it, on the database of the `start` running on this data
 * directory, or else on the embedded Postgres, started for this command and stopped after.
 */
async function withDatabase(config: Config, log: Logger, body: (databaseUrl: string) => Promise<number>): Promise<number> {
  if (config.databaseUrl !== undefined) return body(config.databaseUrl);
  const running = await findRunningInstance(config.dataDir);
  if (running !== undefined) {
    log.info('using the database of the running Switchboard', { pid: running.pid, api: running.apiUrl });
    return body(running.connectionString);
  }
  const embedded = await startEmbedded(config, log, createStartUpMessages());
  try {
    return await body(embedded.connectionString);
  } finally {
    await embedded.stop();
  }
}

async function startEmbedded(config: Config, log: Logger, messages: StartUpMessages): Promise<EmbeddedPostgresServer> {
  const dataDir = path.join(config.dataDir, 'postgres');
  let created = false;
  const server = await startEmbeddedPostgres({
    dataDir,
    onCreateCluster: () => {
      created = true;
      messages.creatingDatabase(dataDir);
    },
  });
  if (created) messages.databaseCreated();
  log.info('embedded Postgres started (set DATABASE_URL to use your own)', { dataDir });
  return server;
}

/**
 * Runs until SIGTERM or SIGINT, then finishes steps in flight and exits cleanly. A failure at
 * any point of the start (a custom node that does not load, a port in use, an unreachable
 * database) stops what was started so far and rejects: the process exits non-zero instead of
 * lingering, not listening, on an embedded Postgres and workers that keep taking jobs.
 */
async function serve(command: 'start' | 'api' | 'worker', config: Config, wiring: AppWiring, log: Logger): Promise<number> {
  const messages = createStartUpMessages();
  const teardown = createTeardown(log);
  // Listening from the first moment: a signal during a half-minute first start stops it too.
  const stopSignal = waitForStopSignal();
  try {
    let databaseUrl = command === 'start' ? config.databaseUrl : requireDatabaseUrl(config, command);
    let embedded: EmbeddedPostgresServer | undefined;
    if (databaseUrl === undefined) {
      const running = await findRunningInstance(config.dataDir);
      if (running !== undefined) {
        throw new Error(
          `Switchboard is already running on ${config.dataDir} (process ${running.pid}, ${running.apiUrl}). Use that one, stop it first, or set SWITCHBOARD_DATA_DIR to another directory.`,
        );
      }
      const server = await startEmbedded(config, log, messages);
      teardown.add('embedded Postgres', () => server.stop());
      embedded = server;
      databaseUrl = server.connectionString;
    }
    if (stopSignal.received !== undefined) return await stopped(stopSignal.received);

    const engine = await buildEngine(config, wiring, log, databaseUrl, command !== 'api');
    // Registered before start(): a start that fails halfway (migrations done, pg-boss not) still closes its pools.
    teardown.add('engine', () => engine.stop({ timeoutMs: config.shutdownTimeoutMs }));
    await engine.start();
    if (stopSignal.received !== undefined) return await stopped(stopSignal.received);

    if (command !== 'worker') {
      const seeded = await seedAdminToken(engine, {
        ...(config.adminToken === undefined ? {} : { adminToken: config.adminToken }),
        tokenFile: config.tokenFile,
        log: (message) => log.info(message),
      });
      // Shown at once, not after listening: a start that fails later has still made the token.
      if (seeded.kind === 'generated') messages.tokenGenerated(seeded.token, seeded.tokenFile);
      else if (seeded.kind === 'existing') await messages.tokenKept(config.tokenFile);
      const app = await createServer(engine, { logger: false });
      // Stop taking requests first, then let workers finish what they hold, then stop Postgres.
      teardown.add('API server', () => app.close());
      const address = await app.listen({ host: config.host, port: config.port });
      if (embedded !== undefined) {
        const removeRecord = await recordRunningInstance(config.dataDir, { pid: process.pid, connectionString: embedded.connectionString, apiUrl: address });
        teardown.add('running-instance record', removeRecord);
      }
      const what = command === 'start' ? 'API and workers' : 'API';
      log.info(`Switchboard ${what} listening on ${address} (OpenAPI at ${address}/docs)`, { schema: config.schema });
      messages.listening(address, what);
    } else {
      log.info('Switchboard workers running', { schema: config.schema, concurrency: config.workerConcurrency, timerConcurrency: config.timerConcurrency });
    }
    return await stopped(await stopSignal.promise);
  } catch (error) {
    await teardown.run();
    throw error;
  } finally {
    stopSignal.dispose();
  }

  async function stopped(signal: string): Promise<number> {
    log.info(`${signal} received: finishing steps in flight`);
    await teardown.run();
    log.info('stopped cleanly');
    return 0;
  }
}
