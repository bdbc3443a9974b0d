/**
 * The `switchboard` command. `start` runs the API and workers in one process
 * (the default); `api` and `worker` split them across processes, any number of
 * each, against one Postgres; `migrate` and `import` are one-shot tasks.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { FastifyPluginAsync } from 'fastify';
import { readConfig, type Config } from './config.ts';
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
import { seedAdminToken } from './api/auth.ts';

/** What an application installs on the engine: built-in packs and consumers such as the inbox. */
export interface AppWiring {
  readonly nodes: readonly (AnyNodeDefinition | NodeRegistration)[];
  readonly queues?: readonly QueueDefinition[];
  readonly contextProviders?: readonly ContextProvider[];
  /** Consumers' API routes, registered beside the engine's. */
  readonly routes?: readonly FastifyPluginAsync[];
  /** Called once the engine exists (consumers bind to it late: the engine needs their nodes first). */
  readonly attach?: (engine: Engine) => void;
  /** The bundled templates directory. */
  readonly templatesDir?: string;
  /** Extra commands. They get a started engine without workers. */
  readonly commands?: Readonly<Record<string, { readonly usage: string; readonly run: (engine: Engine, args: readonly string[], log: Logger) => Promise<void> }>>;
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

export async function runCli(argv: readonly string[], wiring: AppWiring): Promise<number> {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: false,
    options: { publish: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, language: { type: 'string' }, param: { type: 'string', multiple: true } },
  });
  const command = positionals[0] ?? 'start';
  const extra = wiring.commands ?? {};
  if (values.help === true || command === 'help') {
    process.stdout.write(USAGE + Object.values(extra).map((entry) => `  ${entry.usage}\n`).join(''));
    return 0;
  }
  let config: Config;
  try {
    config = readConfig();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
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
            const { applied } = await migrateDatabase(database.db, config.schema);
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
      case 'templates':
        return await withEngine(config, wiring, log, async (engine) => {
          for (const template of await engine.templates.list()) {
            const missing = template.missingNodeTypes.length === 0 ? '' : `  (needs ${template.missingNodeTypes.join(', ')})`;
            process.stdout.write(`${template.id.padEnd(28)} ${template.title.en} / ${template.title.es}${missing}\n`);
          }
        });
      case 'import-template':
        return await withEngine(config, wiring, log, async (engine) => {
          const id = positionals[1];
          if (id === undefined) throw new Error('import-template needs a template id; `switchboard templates` lists them.');
          const language = values.language === 'es' ? 'es' : 'en';
          if (values.language !== undefined && values.language !== 'en' && values.language !== 'es') throw new Error(`--language must be en or es, found "${String(values.language)}".`);
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
  } catch (error) {
    if (isSwitchboardError(error)) {
      log.error(error.message, { code: error.code, ...(error.issues === undefined ? {} : { issues: error.issues }) });
    } else {
      log.error('switchboard failed', { error });
    }
    return 1;
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
    runWorkers,
    workerConcurrency: config.workerConcurrency,
    retentionDays: config.retentionDays,
    logger: log,
    ...(wiring.templatesDir === undefined ? {} : { templatesDir: wiring.templatesDir }),
  });
  wiring.attach?.(engine);
  if (custom.length > 0) log.info('custom nodes loaded', { nodes: custom.map((item) => `${item.node.type} (${item.source})`) });
  return engine;
}

async function withEngine(config: Config, wiring: AppWiring, log: Logger, body: (engine: Engine) => Promise<void>): Promise<number> {
  return withDatabase(config, log, async (databaseUrl) => {
    const engine = await buildEngine(config, wiring, log, databaseUrl, false);
    await engine.start();
    try {
      await body(engine);
    } finally {
      await engine.stop({ timeoutMs: 5000 });
    }
    return 0;
  });
}

async function withDatabase(config: Config, log: Logger, body: (databaseUrl: string) => Promise<number>): Promise<number> {
  const embedded = config.databaseUrl === undefined ? await startEmbedded(config, log) : undefined;
  try {
    return await body(config.databaseUrl ?? (embedded as EmbeddedPostgresServer).connectionString);
  } finally {
    await embedded?.stop();
  }
}

async function startEmbedded(config: Config, log: Logger): Promise<EmbeddedPostgresServer> {
  const dataDir = path.join(config.dataDir, 'postgres');
  const server = await startEmbeddedPostgres({ dataDir });
  log.info('embedded Postgres started (set DATABASE_URL to use your own)', { dataDir });
  return server;
}

/** Runs until SIGTERM or SIGINT, then finishes steps in flight and exits cleanly. */
async function serve(command: 'start' | 'api' | 'worker', config: Config, wiring: AppWiring, log: Logger): Promise<number> {
  const embedded = config.databaseUrl === undefined ? await startEmbedded(config, log) : undefined;
  const databaseUrl = config.databaseUrl ?? (embedded as EmbeddedPostgresServer).connectionString;
  const engine = await buildEngine(config, wiring, log, databaseUrl, command !== 'api');
  await engine.start();
  let app: Awaited<ReturnType<typeof createServer>> | undefined;
  if (command !== 'worker') {
    await seedAdminToken(engine, { ...(config.adminToken === undefined ? {} : { adminToken: config.adminToken }), tokenFile: config.tokenFile, log: (message) => log.info(message) });
    app = await createServer(engine, { logger: false });
    for (const routes of wiring.routes ?? []) await app.register(routes);
    const address = await app.listen({ host: config.host, port: config.port });
    log.info(`Switchboard ${command === 'start' ? 'API and workers' : 'API'} listening on ${address} (OpenAPI at ${address}/docs)`, { schema: config.schema });
  } else {
    log.info('Switchboard workers running', { schema: config.schema, concurrency: config.workerConcurrency });
  }
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info(`${signal} received: finishing steps in flight`);
      resolve();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  // Stop taking requests first, then let workers finish what they hold, then stop Postgres.
  await app?.close();
  await engine.stop({ timeoutMs: config.shutdownTimeoutMs });
  await embedded?.stop();
  log.info('stopped cleanly');
  return 0;
}
