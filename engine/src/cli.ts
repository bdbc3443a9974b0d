/**
 * The `switchboard` command. `start` runs the API and workers in one process
 * (the default); `api` and `worker` split them across processes, any number of
 * each, against one Postgres; `migrate` and `import` are one-shot tasks.
 */
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig, requireDatabaseUrl, type Config } from './config.ts';
import { createEngine, type Engine, type EngineOptions, type QueueDefinition } from './engine.ts';
import { createLogger, type Logger } from './logger.ts';
import { isSwitchboardError } from './errors.ts';
import type { AnyNodeDefinition, ContextProvider } from './sdk.ts';
import type { NodeRegistration } from './graph/node-catalog.ts';
import { loadCustomNodes } from './load-custom-nodes.ts';
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from './store/embedded-postgres.ts';
import { allowPostgresUserIn } from './store/postgres-user-access.ts';
import { connectDatabase } from './store/connect-database.ts';
import { migrateDatabase } from './store/migrate-database.ts';
import { createServer } from './api/create-server.ts';
import type { SwitchboardPlugin } from './plugin.ts';
import { installPlugins } from './install-plugins.ts';
import { seedAdminToken } from './api/auth.ts';
import { ROLES, type Role } from './api/access.ts';
import { asDatabaseUnreachable } from './database-unreachable.ts';
import { findRunningInstance, recordRunningInstance, runningInstanceFileName } from './running-instance.ts';
import { createStartUpMessages, type StartUpMessages } from './start-up-messages.ts';
import { waitForStopSignal } from './stop-signal.ts';
import { createTeardown } from './teardown.ts';
import { SwitchboardError } from './errors.ts';
import { ensureSecretsKeyFile, readSecretsKeyFile } from './secrets/secrets-key.ts';

/** What an application installs on the engine: built-in packs and plugins such as the inbox. */
export interface AppWiring {
  readonly nodes: readonly (AnyNodeDefinition | NodeRegistration<AnyNodeDefinition>)[];
  readonly queues?: readonly QueueDefinition[];
  readonly contextProviders?: readonly ContextProvider[];
  /** Consumers of the engine (the inbox): nodes, queues, migrations, routes, error codes, setup. */
  readonly plugins?: readonly SwitchboardPlugin[];
  /** The bundled templates directory. */
  readonly templatesDir?: string;
  /** The web app that `start` and `api` serve at `/`. */
  readonly webApp?: WebAppWiring;
  /** Extra commands. They get a started engine without workers. */
  readonly commands?: Readonly<
    Record<string, { readonly usage: string; readonly run: (engine: Engine, args: readonly string[], log: Logger) => Promise<void> }>
  >;
}

/** Where the built web app is, and how to bring it up to date. */
export interface WebAppWiring {
  /** The built app: a folder with `index.html` and `assets/`. */
  readonly dir: string;
  /**
   * Brings `dir` up to date before the server listens, e.g. builds it when it is missing or older
   * than its sources, telling the person starting Switchboard what it does through `say`. It runs
   * while the embedded Postgres starts. A `dir` still without `index.html` afterwards means only
   * the API is served; a rejection (a build that fails) stops the start. `signal` aborts when the
   * start is given up (Ctrl-C, another part failing): stop building and settle soon.
   */
  readonly prepare?: (say: (line: string) => void, signal: AbortSignal) => Promise<void>;
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
  reencrypt-secrets   re-encrypt every secret with SWITCHBOARD_SECRETS_KEY (after a key
                      rotation; older ones are read with SWITCHBOARD_SECRETS_KEY_PREVIOUS)
  create-user --email <email> --name <name> [--role admin|editor|agent|viewer] [--language en|es]
                      create a person who signs in; the password is read from
                      SWITCHBOARD_PASSWORD, or else from standard input
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
    options: {
      publish: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      language: { type: 'string' },
      param: { type: 'string', multiple: true },
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
    },
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
        const engine = await buildEngine(config, wiring, log, config.databaseUrl ?? 'postgres://templates-need-no-database.invalid/', false, undefined);
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
      case 'reencrypt-secrets':
        return await withEngine(config, wiring, log, async (engine) => {
          const { reencrypted } = await engine.reencryptSecrets();
          log.info('secrets re-encrypted with SWITCHBOARD_SECRETS_KEY', { reencrypted });
          process.stdout.write(`${reencrypted}\n`);
        });
      case 'create-user': {
        const input = createUserInput(values);
        // Read before the database starts: a script piping the password gets its error at once.
        const password = process.env.SWITCHBOARD_PASSWORD ?? (await readStdin()).replace(/\r?\n$/, '');
        return await withEngine(config, wiring, log, async (engine) => {
          const user = await engine.people.createUser({ ...input, password });
          log.info('person created', { id: user.id, email: user.email, role: user.role });
          process.stdout.write(`${user.id}\n`);
        });
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
      // A setting found wrong only once the database is open (a secrets key that reads none of
      // the stored secrets) exits as any other invalid setting does.
      if (error.code === 'CONFIG_ENV_INVALID') return 2;
    } else {
      log.error('switchboard failed', { error });
    }
    return 1;
  }
}

function createUserInput(values: Record<string, string | boolean | (string | boolean)[] | undefined>): {
  email: string;
  name: string;
  role: Role;
  language: 'en' | 'es' | null;
} {
  const { email, name, role = 'admin', language } = values;
  if (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(email)) throw new Error('create-user needs --email <email>.');
  if (typeof name !== 'string' || name.trim() === '') throw new Error('create-user needs --name <name>.');
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}.`);
  if (language !== undefined && language !== 'en' && language !== 'es') throw new Error(`--language must be en or es, found "${String(language)}".`);
  return { email, name: name.trim(), role: role as Role, language: language ?? null };
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY)
    throw new Error('create-user reads the password from SWITCHBOARD_PASSWORD or from standard input (echo "$PASSWORD" | switchboard create-user ...).');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
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

async function buildEngine(
  config: Config,
  wiring: AppWiring,
  log: Logger,
  databaseUrl: string,
  runWorkers: boolean,
  secretsKey: EngineOptions['secretsKey'],
): Promise<Engine> {
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
    maxConnections: config.requestPoolSize,
    jobMaxConnections: config.jobPoolSize,
    queueMaxConnections: config.queuePoolSize,
    retentionDays: config.retentionDays,
    egress: { allow: config.egressAllow },
    runBounds: config.runBounds,
    ...(secretsKey === undefined ? {} : { secretsKey }),
    logger: log,
    ...(wiring.templatesDir === undefined ? {} : { templatesDir: wiring.templatesDir }),
  });
  if (custom.length > 0) log.info('custom nodes loaded', { nodes: custom.map((item) => `${item.node.type} (${item.source})`) });
  return engine;
}

async function withEngine(config: Config, wiring: AppWiring, log: Logger, body: (engine: Engine) => Promise<void>): Promise<number> {
  return withDatabase(config, log, async (databaseUrl) => {
    // On the embedded Postgres, the key `start` made; never a new one: this command stores no secret.
    const engine = await buildEngine(
      config,
      wiring,
      log,
      databaseUrl,
      false,
      await resolveSecretsKey(config, config.databaseUrl === undefined ? 'read' : 'none'),
    );
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
  // As root, Postgres runs as the `postgres` user, who must pass through the data directory;
  // one made by `mktemp -d` (0700) would stop initdb with "Permission denied".
  if (process.getuid?.() === 0) {
    const ownEntries = [path.basename(dataDir), runningInstanceFileName];
    if (path.dirname(config.tokenFile) === config.dataDir) ownEntries.push(path.basename(config.tokenFile));
    if (await allowPostgresUserIn(config.dataDir, { ownEntries })) {
      log.info('gave others search permission (o+x) on the data directory, so the postgres user reaches its cluster', { dataDir: config.dataDir });
    }
  }
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
 * This process's secrets keys (README "Secrets"): SWITCHBOARD_SECRETS_KEY, or the file
 * SWITCHBOARD_SECRETS_KEY_FILE names, with SWITCHBOARD_SECRETS_KEY_PREVIOUS beside it. On the
 * embedded Postgres, where database and data directory are one machine's, the data
 * directory's key file is the default, and `start` creates it on first start (`create`).
 * Against a shared DATABASE_URL nothing is made up: every api and worker process must be
 * given the same key, and one that makes its own could not read the others' secrets.
 */
async function resolveSecretsKey(
  config: Config,
  embedded: 'create' | 'read' | 'none',
): Promise<{ readonly current: Buffer; readonly previous: readonly Buffer[]; readonly created: boolean; readonly file: string } | undefined> {
  const previous = config.secretsKeyPrevious === undefined ? [] : [config.secretsKeyPrevious];
  const defaultFile = path.join(config.dataDir, 'secrets-key');
  let current: { key: Buffer; created: boolean; file: string } | undefined;
  if (config.secretsKey !== undefined) current = { key: config.secretsKey, created: false, file: '' };
  else if (config.secretsKeyFile !== undefined)
    current = { key: await readSecretsKeyFile(config.secretsKeyFile, 'SWITCHBOARD_SECRETS_KEY_FILE'), created: false, file: config.secretsKeyFile };
  else if (embedded === 'create') current = { ...(await ensureSecretsKeyFile(defaultFile)), file: defaultFile };
  else if (embedded === 'read' && (await fileExists(defaultFile)))
    current = { key: await readSecretsKeyFile(defaultFile, 'SWITCHBOARD_DATA_DIR'), created: false, file: defaultFile };
  if (current === undefined) {
    if (previous.length > 0) {
      throw new SwitchboardError(
        'CONFIG_ENV_INVALID',
        'SWITCHBOARD_SECRETS_KEY_PREVIOUS is set, but there is no current key: set SWITCHBOARD_SECRETS_KEY (or SWITCHBOARD_SECRETS_KEY_FILE) to the new key.',
      );
    }
    return undefined;
  }
  return { current: current.key, previous, created: current.created, file: current.file };
}

async function fileExists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
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
  // Started first, so a build of the web app overlaps the embedded Postgres' start (initdb on a
  // first start); awaited before the server is made. Workers serve no pages. Its failure is
  // held as a value until then, never an unhandled rejection while Postgres is still starting.
  const giveUpWebApp = new AbortController();
  const webApp =
    command === 'worker'
      ? undefined
      : prepareWebApp(wiring.webApp, messages, giveUpWebApp.signal).then(
          (dir) => ({ dir }),
          (error: unknown) => ({ error }),
        );
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

    const secretsKey = await resolveSecretsKey(config, embedded === undefined ? 'none' : 'create');
    if (secretsKey?.created === true) messages.secretsKeyGenerated(secretsKey.file);
    const engine = await buildEngine(config, wiring, log, databaseUrl, command !== 'api', secretsKey);
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
      const prepared = await webApp;
      if (prepared !== undefined && 'error' in prepared) throw prepared.error;
      const webAppDir = prepared?.dir;
      const app = await createServer(engine, {
        logger: false,
        ...(webAppDir === undefined ? {} : { webAppDir }),
        ...(config.publicUrl === undefined ? {} : { publicUrl: config.publicUrl }),
        ...(config.trustProxy === undefined ? {} : { trustProxy: config.trustProxy }),
      });
      // Stop taking requests first, then let workers finish what they hold, then stop Postgres.
      teardown.add('API server', () => app.close());
      const address = await app.listen({ host: config.host, port: config.port });
      if (embedded !== undefined) {
        const removeRecord = await recordRunningInstance(config.dataDir, { pid: process.pid, connectionString: embedded.connectionString, apiUrl: address });
        teardown.add('running-instance record', removeRecord);
      }
      const what = command === 'start' ? 'API and workers' : 'API';
      log.info(`Switchboard ${what} listening on ${address} (OpenAPI at ${address}/docs)`, { schema: config.schema });
      messages.listening(address, what, webAppDir !== undefined);
      // Until someone has an account, each start prints a fresh one-time link (the earlier one
      // stops working) with which the person at the terminal creates the first admin: no one
      // can claim the instance by opening it first.
      const setup = await engine.people.createSetupLink();
      if (setup !== undefined) messages.setupLink(`${config.publicUrl ?? address}/setup#token=${setup.token}`, setup.expiresAt);
    } else {
      log.info('Switchboard workers running', { schema: config.schema, concurrency: config.workerConcurrency, timerConcurrency: config.timerConcurrency });
    }
    return await stopped(await stopSignal.promise);
  } catch (error) {
    // A start that failed before awaiting the build stops it and waits for it: no build is
    // left writing into the app's folder after the process has reported its exit.
    giveUpWebApp.abort();
    await webApp;
    await teardown.run();
    throw error;
  } finally {
    stopSignal.dispose();
  }

  async function stopped(signal: string): Promise<number> {
    log.info(`${signal} received: finishing steps in flight`);
    giveUpWebApp.abort();
    await webApp;
    await teardown.run();
    log.info('stopped cleanly');
    return 0;
  }
}

/** The folder to serve, once prepared; undefined when there is no built app to serve. */
async function prepareWebApp(webApp: WebAppWiring | undefined, messages: StartUpMessages, signal: AbortSignal): Promise<string | undefined> {
  if (webApp === undefined) return undefined;
  await webApp.prepare?.((line) => messages.webAppProgress(line), signal);
  const built = await access(path.join(webApp.dir, 'index.html')).then(
    () => true,
    () => false,
  );
  if (!built) messages.webAppMissing(webApp.dir);
  return built ? webApp.dir : undefined;
}
