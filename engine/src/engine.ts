import type { Kysely } from 'kysely';
import type { DB, RunStatus } from './store/database.ts';
import { poolSizes } from './config.ts';
import { connectDatabase } from './store/connect-database.ts';
import { migrateDatabase } from './store/migrate-database.ts';
import {
  findWorkflow,
  findWorkflowNames,
  insertWorkflow,
  listWorkflowSummaries,
  updateWorkflowDraft,
  type Workflow,
  type WorkflowListFilter,
  type WorkflowSummary,
} from './store/workflows.ts';
import { findVersion, listVersions, type WorkflowVersion } from './store/versions.ts';
import { deletePresence, deletePresenceBefore, recordHeartbeat, type Viewer } from './store/presence.ts';
import { changeDraft, withName } from './drafts/change-draft.ts';
import { copyName } from './drafts/copy-name.ts';
import { versionAsDraft } from './drafts/version-as-draft.ts';
import { findRun, listRuns } from './store/runs.ts';
import { bindTestSubject, deleteTest, findTest, findTestOfSubject, listTestSubjects, listTestsCreatedBefore, setTestClock, type Test } from './store/tests.ts';
import { pinTestVersion } from './triggers/pin-test-version.ts';
import { findLatestExplanation, listSteps } from './store/steps.ts';
import { type ExplanationText, translateExplanation } from './api/translate-explanation.ts';
import { listWaits, type Wait } from './store/waits.ts';
import { lockSubject } from './store/subject-lock.ts';
import { type ApiToken, countApiTokens, insertApiToken } from './store/api-tokens.ts';
import { createPeople, type People } from './people/people.ts';
import { createNodeCatalog, type NodeCatalog, type NodeRegistration } from './graph/node-catalog.ts';
import { checkDefinition, checkWorkflow } from './triggers/check-workflow.ts';
import { draftNotUpdated } from './draft-not-updated.ts';
import { validateDefinition } from './graph/validate-definition.ts';
import type { Issue } from './errors.ts';
import { SwitchboardError } from './errors.ts';
import type { AnyNodeDefinition, ContextProvider, EmittedEvent, NodeDatabase, ScopeRootDescription, WebhookRequest } from './sdk.ts';
import { checkScopeRoots } from './graph/check-scope-roots.ts';
import { engineScopeRoots } from './runtime/engine-scope-roots.ts';
import { createLogger, type Logger } from './logger.ts';
import { createBoss, createQueues, ensureQueue, MAINTENANCE_QUEUE, RUN_QUEUE, RUN_QUEUES, RUN_TIMER_QUEUE, type PgBoss } from './runtime/queue.ts';
import { settleJobs } from './runtime/settle-jobs.ts';
import { defaultTimerConcurrency, workRunJobs } from './runtime/work-run-jobs.ts';
import { workDeadRunJobs } from './runtime/fail-run-of-dead-job.ts';
import { DEFAULT_STUCK_GRACE_MS, startStuckRunRepair } from './runtime/repair-stuck-runs.ts';
import type { Runtime } from './runtime/runtime.ts';
import { fromKysely } from 'pg-boss';
import { reportJobFailure } from './runtime/transient-error.ts';
import type { SessionTimeouts } from './store/session-timeouts.ts';
import { DEFAULT_RETENTION_DAYS, runRetentionPass } from './runtime/run-retention-pass.ts';
import { runLiveCountsPass } from './runtime/live-counts-pass.ts';
import { countLive, type NodeCounts, windowStart } from './store/live-counts.ts';
import { cancelRunInTransaction } from './runtime/cancel-run.ts';
import { retryRunInTransaction } from './runtime/retry-run.ts';
import { describeRuns, describeSteps, type RunView, type StepView } from './runtime/describe-runs.ts';
import { createRunWatchers, type RunWatcher } from './runtime/run-watchers.ts';
import { startWorkflowRun } from './runtime/start-workflow-run.ts';
import { DEFAULT_RUN_BOUNDS, type RunBounds } from './runtime/run-chain.ts';
import { deliverSignal } from './runtime/resume-wait.ts';
import { emitEvent, type EmitResult } from './triggers/emit-event.ts';
import { publishWorkflow, stopWorkflow } from './triggers/publish-workflow.ts';
import { archiveWorkflow, restoreWorkflow } from './triggers/archive-workflow.ts';
import { assertNotArchived } from './triggers/assert-not-archived.ts';
import { deleteWorkflow } from './triggers/delete-workflow.ts';
import { workScheduleTicks } from './triggers/run-schedule.ts';
import { runWebhook } from './triggers/run-webhook.ts';
import { createTemplateLibrary, type TemplateLibrary } from './templates/template-library.ts';
import type { TemplateImport } from './templates/instantiate-template.ts';
import type { SwitchboardPlugin } from './plugin.ts';
import { installPlugins } from './install-plugins.ts';
import { summarizeIssues } from './graph/summarize-issues.ts';
import { createEgressPolicy, type EgressOptions } from './egress/egress-policy.ts';
import { createEgressDispatcher } from './egress/egress-dispatcher.ts';
import type { SecretsKeyring } from './secrets/secrets-key.ts';
import { listSecretInfos, type SecretInfo } from './store/secrets.ts';
import { checkSecretsKey, putSecret, reencryptSecrets, removeSecret } from './secrets/manage-secrets.ts';
import { databaseUnavailable } from './transient-database-error.ts';

export interface EngineOptions {
  readonly databaseUrl: string;
  /** Postgres schema for Switchboard's tables; pg-boss uses `<schema>_boss`. Defaults to `switchboard`. */
  readonly schema?: string;
  /** Node types to install: built-in packs and custom nodes. A type id may appear once. */
  readonly nodes: readonly (AnyNodeDefinition | NodeRegistration<AnyNodeDefinition>)[];
  readonly contextProviders?: readonly ContextProvider[];
  /** Whether this process runs workers (`start`, `worker`) or only serves the API (`api`). Defaults to true. */
  readonly runWorkers?: boolean;
  /** Run jobs processed at once by this process. Defaults to 8. */
  readonly workerConcurrency?: number;
  /** Timer jobs (wait deadlines, retries after backoff) processed at once, beside `workerConcurrency`, on a queue of their own. Defaults to `workerConcurrency`. */
  readonly timerConcurrency?: number;
  readonly clock?: () => Date;
  readonly logger?: Logger;
  /** Connections of the pool for API requests (and everything else outside jobs) in this process. Defaults to 10. */
  readonly maxConnections?: number;
  /** Connections of the pool for job work (runs, timers, schedules, maintenance, queues). Defaults to run + timer concurrency + 4. */
  readonly jobMaxConnections?: number;
  /** Lock, statement and idle-in-transaction timeouts of the engine's and pg-boss's sessions. Defaults to 10 s, 60 s and 660 s. */
  readonly sessionTimeouts?: Partial<SessionTimeouts>;
  /** pg-boss's own pool size for this process. Defaults to 4. */
  readonly queueMaxConnections?: number;
  /** Days finished runs (with their steps and waits), events and signals are kept; a workflow's `settings.retentionDays` wins for its runs. Defaults to 30. */
  readonly retentionDays?: number;
  /** Directory of bundled workflow templates (one JSON file each). Without it no templates are offered. */
  readonly templatesDir?: string;
  /** Extra job queues a consumer runs on the engine's pg-boss; a plugin brings its own (`plugins`). */
  readonly queues?: readonly QueueDefinition[];
  /** Consumers of the engine (the inbox): their nodes, queues, context providers, migrations, routes, error codes and setup. */
  readonly plugins?: readonly SwitchboardPlugin[];
  /**
   * The workers' check for runs nothing will move (runtime/repair-stuck-runs.ts): every
   * `intervalMs` (default 30 s), runs still for more than `graceMs` (default 60 s) get a fresh job.
   */
  readonly stuckRuns?: { readonly intervalMs?: number; readonly graceMs?: number };
  /**
   * What outbound HTTP (`core.http_request`, `ctx.fetch`) may reach beyond public addresses:
   * `{ allow: ['10.0.0.5', '192.168.1.0/24', 'crm.internal'] }`. Defaults to public addresses only
   * (README "Outbound HTTP"); the CLI reads `SWITCHBOARD_EGRESS_ALLOW`.
   */
  readonly egress?: EgressOptions;
  /**
   * Bounds on runs started by runs (core.trigger_workflow, events a step emits, a run calling a
   * webhook): how deep a chain may go (`maxDepth`, default 10) and how many such runs one
   * workflow may get a second (`maxChainedRunsPerSecond`, default 100). A start past either
   * fails the starting step (RUN_DEPTH_LIMIT, RUN_RATE_LIMIT).
   */
  readonly runBounds?: Partial<RunBounds>;
  /**
   * The 32-byte key secrets are encrypted with (AES-256-GCM), and older keys that still
   * decrypt rows written before a rotation. Without it the engine starts only while the
   * database holds no secrets, and storing or using one fails with SECRETS_KEY_MISSING.
   */
  readonly secretsKey?: { readonly current: Buffer; readonly previous?: readonly Buffer[] };
}

/** A pg-boss queue a consumer owns: created at start, worked by processes that run workers. */
export interface QueueDefinition {
  readonly name: string;
  /** Retries for a job whose handler throws, with exponential backoff from `retryDelaySeconds`. Defaults to 5 and 2. */
  readonly retryLimit?: number;
  readonly retryDelaySeconds?: number;
  /** Jobs handled at once by this process. Defaults to 4. */
  readonly concurrency?: number;
  /**
   * `standard` (default), or `key_strict_fifo`: jobs sent with the same
   * `singletonKey` run one at a time in the order sent, a retrying job holding
   * back the ones behind it (the inbox's outbox keeps a conversation's messages in order).
   */
  readonly policy?: 'standard' | 'key_strict_fifo';
  readonly handler: (data: Readonly<Record<string, unknown>>, job: { readonly id: string }) => Promise<void>;
}

export interface WorkflowInput {
  readonly definition: unknown;
}

/**
 * Who makes a change: the id of the person (a session, or a token of theirs), or null for a
 * machine token. Recorded as the draft's `updatedBy` or the version's `publishedBy`.
 */
export interface ChangedBy {
  readonly by?: string | null;
}

/** How long a heartbeat keeps someone in a workflow's list of viewers: the editor sends one every ~15 s. */
export const PRESENCE_WINDOW_MS = 30_000;

/** A node's explanation of its choice in a run, as a person reads it (Engine.explainStep). */
export interface StepExplanation {
  readonly runId: string;
  readonly nodeId: string;
  readonly workflowId: string;
  readonly workflowName: string;
  readonly explanation: ExplanationText;
}

/** The engine: one per process. Its methods are what the API, the CLI and consumers (the inbox) use. */
export interface Engine {
  readonly catalog: NodeCatalog<AnyNodeDefinition>;
  readonly templates: TemplateLibrary;
  /**
   * What templates may read besides `trigger` and `steps`, described for the editor: the
   * engine's own roots (`vars`, `run`, `now`, `secrets`), then each context provider's.
   */
  readonly scopeRoots: readonly ScopeRootDescription[];
  /** The plugins installed, in order; the API server registers their routes. */
  readonly plugins: readonly SwitchboardPlugin[];
  readonly log: Logger;
  start(): Promise<void>;
  /** Finishes steps in flight (up to `timeoutMs`, default 30 s), then closes connections. */
  stop(options?: { readonly timeoutMs?: number }): Promise<void>;

  createWorkflow(definition: unknown, options?: ChangedBy): Promise<{ workflow: Workflow; issues: readonly Issue[] }>;
  /**
   * Replaces a draft and bumps its revision. With `ifRevision` (from `If-Match`), only while the
   * draft is at one of those revisions: otherwise WORKFLOW_REVISION_CONFLICT, `details.currentRevision`.
   */
  updateWorkflow(
    id: string,
    definition: unknown,
    options?: { readonly ifRevision?: readonly number[] } & ChangedBy,
  ): Promise<{ workflow: Workflow; issues: readonly Issue[] }>;
  /**
   * Renames a workflow: its draft's `name`, nothing else, as the next revision. `ifRevision` as
   * for updateWorkflow; without it the rename applies over whatever was saved meanwhile.
   */
  renameWorkflow(
    id: string,
    name: string,
    options?: { readonly ifRevision?: readonly number[] } & ChangedBy,
  ): Promise<{ workflow: Workflow; issues: readonly Issue[] }>;
  /** A new draft workflow with the draft of `id` (archived or not), named `name` or "<name> (copy)". */
  duplicateWorkflow(id: string, options?: { readonly name?: string } & ChangedBy): Promise<{ workflow: Workflow; issues: readonly Issue[] }>;
  /**
   * Makes a published version's definition the draft's next revision, under the draft's current
   * name and description; the active version is untouched until the draft is published.
   * WORKFLOW_VERSION_NOT_FOUND when the workflow has no such version; `ifRevision` as for updateWorkflow.
   */
  restoreVersionAsDraft(
    id: string,
    version: number,
    options?: { readonly ifRevision?: readonly number[] } & ChangedBy,
  ): Promise<{ workflow: Workflow; issues: readonly Issue[] }>;
  /** A dry run of publishing a definition: every issue with its pointer; nothing is saved. */
  validateWorkflow(definition: unknown): Promise<{ ok: boolean; issues: readonly Issue[] }>;
  getWorkflow(id: string): Promise<Workflow>;
  /**
   * Workflows that are not archived, newest first, without their drafts, each with its runs of
   * the last 24 hours; `{ archived: true }` lists the archived ones instead. `query` matches
   * part of the name, `status` and `hasUnpublishedChanges` filter.
   */
  listWorkflows(filter?: WorkflowListFilter): Promise<WorkflowSummary[]>;
  /** A workflow with the problems that would block publishing its draft now (empty when it can be published). */
  getWorkflowDraft(id: string): Promise<{ workflow: Workflow; issues: readonly Issue[] }>;
  /** Stops its trigger (runs in flight finish) and hides it from the default list. */
  archiveWorkflow(id: string): Promise<Workflow>;
  /** Brings an archived workflow back as a stopped draft. */
  restoreWorkflow(id: string): Promise<Workflow>;
  /** Deletes a workflow that never ran; one with runs is refused with WORKFLOW_HAS_RUNS (archive it instead). */
  deleteWorkflow(id: string): Promise<void>;
  /** Publishes the draft as the next version; `note` (at most 500 characters) says why. */
  publishWorkflow(id: string, options?: { readonly note?: string | null } & ChangedBy): Promise<{ workflow: Workflow; version: WorkflowVersion }>;
  stopWorkflow(id: string): Promise<Workflow>;
  listVersions(id: string): Promise<WorkflowVersion[]>;
  /** Creates a draft workflow from a bundled template; nothing is created when a parameter or node type is missing. */
  importTemplate(id: string, request: TemplateImport, options?: ChangedBy): Promise<{ workflow: Workflow; issues: readonly Issue[] }>;
  /**
   * A heartbeat of a person with the workflow open in the editor; answers the others seen in the
   * last PRESENCE_WINDOW_MS (30 s), in the order they came. Kept in Postgres, so every api process
   * sees every heartbeat.
   */
  recordPresence(workflowId: string, userId: string): Promise<Viewer[]>;
  /** The person closed the editor of this workflow. */
  forgetPresence(workflowId: string, userId: string): Promise<void>;
  /** Runs at each node of a workflow now, and how many left each node by each port since `now - windowMs` (rounded down to five minutes). */
  liveCounts(workflowId: string, windowMs: number): Promise<{ since: Date; nodes: Record<string, NodeCounts> }>;

  emit(event: EmittedEvent): Promise<EmitResult>;
  /** Emits inside a consumer's own transaction, so the event commits with the consumer's writes. */
  emitInTransaction(trx: NodeDatabase, event: EmittedEvent): Promise<EmitResult>;
  signal(key: string, subject: string | null, data: Readonly<Record<string, unknown>>): Promise<{ resumed: number }>;
  /** Delivers a signal inside a consumer's own transaction (see `ctx.wait({ signal })`). */
  signalInTransaction(trx: NodeDatabase, key: string, subject: string | null, data: Readonly<Record<string, unknown>>): Promise<{ resumed: number }>;
  /**
   * Runs `body` in one transaction on the engine's database, handed over as the
   * public `NodeDatabase` (widen it with `withTables<YourTables>()`), so a
   * consumer's writes, `emitInTransaction`, `signalInTransaction` and `enqueue`
   * commit together or not at all.
   */
  transaction<T>(body: (trx: NodeDatabase) => Promise<T>): Promise<T>;
  /**
   * Runs `body` on the engine's database outside any transaction: each statement commits on its
   * own, and two of them may run on different connections. For work of one statement, which
   * `transaction` would wrap in a `begin` and a `commit` (two more round trips).
   */
  outsideTransaction<T>(body: (db: NodeDatabase) => Promise<T>): Promise<T>;
  /**
   * Serializes the caller's transaction, until it commits, with every step,
   * event and resume of runs on `subject` (promise 3): a consumer that changes
   * a subject outside a run (the inbox's API) takes it first.
   */
  lockSubjectInTransaction(trx: NodeDatabase, subject: string): Promise<void>;
  /** Queues a job on one of `options.queues` inside the caller's transaction. */
  enqueue(
    trx: NodeDatabase,
    queue: string,
    data: Readonly<Record<string, unknown>>,
    options?: { readonly startAfter?: Date; readonly singletonKey?: string },
  ): Promise<void>;
  startManualRun(workflowId: string, input: Readonly<Record<string, unknown>>, subject: string | null): Promise<{ runId: string; started: boolean }>;
  runWebhook(workflowId: string, request: WebhookRequest): Promise<{ runId: string; started: boolean }>;

  getRun(id: string): Promise<{ run: RunView; steps: StepView[]; waits: Wait[] }>;
  /** `stuck`: only runs nothing will move (running or past a wait's deadline, with no job for them). `since`/`until`: created at or after, before. */
  listRuns(filter: {
    workflowId?: string;
    status?: RunStatus;
    subject?: string;
    stuck?: boolean;
    since?: Date;
    until?: Date;
    /** Test chats' runs: true lists only them; left out (the default) otherwise. */
    test?: boolean;
    /** Only the runs of this test chat. */
    testId?: string;
    limit?: number;
    before?: { createdAt: Date; id: string };
  }): Promise<RunView[]>;
  /**
   * Why a node of a run chose what it chose, in the best of `languages` (its latest explanation,
   * see Explaining a choice in the README), with the run's workflow; undefined when the run is gone
   * (retention) or the node explained nothing. What the inbox shows as "assigned by flow X because ...".
   */
  explainStep(runId: string, nodeId: string, languages: readonly string[]): Promise<StepExplanation | undefined>;
  cancelRun(id: string): Promise<RunView>;
  /**
   * Re-enters a failed run at the node it failed at, as the next visit of that node (the failed
   * visit's step stays). RUN_NOT_RETRYABLE unless the run is failed; RUN_NOT_FOUND.
   */
  retryRun(id: string): Promise<RunView>;
  /**
   * Follows run changes as they commit, made by this process or any other on the database
   * (Postgres LISTEN/NOTIFY, one connection per process however many watch). Returns the removal.
   */
  watchRuns(watcher: RunWatcher): () => void;

  /**
   * Test chats (docs/ARCHITECTURE.md "Test chat"). Pins the workflow's draft as a test version,
   * checked as a publish checks it (422 with every issue), in the caller's transaction; the live
   * version and its runs are untouched. `clock`: the pretend time, null for the real one.
   */
  createTestInTransaction(trx: NodeDatabase, workflowId: string, options: { readonly clock: Date | null; readonly assignForReal: boolean }): Promise<Test>;
  /** Gives a subject (a test conversation) to a test: its events start the test's version, and nothing else. */
  bindTestSubjectInTransaction(trx: NodeDatabase, testId: string, subject: string): Promise<void>;
  /** The test owning a subject, if any: what the inbox asks to tell a test conversation. */
  findTestOfSubjectInTransaction(trx: NodeDatabase, subject: string): Promise<Test | undefined>;
  /** TEST_NOT_FOUND when there is none. */
  getTest(id: string): Promise<Test>;
  /** Sets the pretend time (null: the real time); its runs in flight take it on from now. */
  setTestClockInTransaction(trx: NodeDatabase, id: string, clock: Date | null): Promise<Test>;
  /** Deletes a test with its runs, steps, waits and pinned version, and answers the subjects it owned. TEST_NOT_FOUND when there is none. */
  deleteTestInTransaction(trx: NodeDatabase, id: string): Promise<{ test: Test; subjects: readonly string[] }>;
  /** Tests created before `before` (oldest first, at most `limit`): the inbox's retention pass cleans them up. */
  listTestsCreatedBefore(before: Date, limit: number): Promise<Test[]>;

  /** Resolves once Postgres answers a trivial query within 4 s; rejects with DATABASE_UNAVAILABLE (naming since when) when it does not (health checks). */
  checkDatabase(): Promise<void>;
  /** Machine API tokens, kept as hashes (see api/auth.ts): how many exist, store one (first start, SWITCHBOARD_ADMIN_TOKEN). */
  countApiTokens(): Promise<number>;
  saveApiToken(token: { readonly name: string; readonly tokenHash: string; readonly role: 'admin' }): Promise<ApiToken>;
  /** People, their sessions, one-time links and their API tokens (README "People, sign-in and roles"). */
  readonly people: People;

  /** Secrets (README "Secrets"): their names and dates, never their values. */
  listSecrets(): Promise<SecretInfo[]>;
  /** Creates or replaces a secret, encrypted with the current key; `created` says which it did. */
  putSecret(name: string, value: string): Promise<{ secret: SecretInfo; created: boolean }>;
  /** SECRET_NOT_FOUND when there is none. Steps and webhooks that read it fail from then on. */
  deleteSecret(name: string): Promise<void>;
  /** Re-encrypts every secret still under a previous key with the current one, after a key rotation. */
  reencryptSecrets(): Promise<{ readonly reencrypted: number }>;
}

export function createEngine(options: EngineOptions): Engine {
  const schema = options.schema ?? 'switchboard';
  const log = options.logger ?? createLogger('info');
  const installed = installPlugins(options.plugins ?? [], options.queues ?? []);
  const queues = [...(options.queues ?? []), ...installed.queues];
  const catalog = createNodeCatalog<AnyNodeDefinition>([
    ...options.nodes.map((item) => ('node' in item && 'source' in item ? item : { node: item, source: `pack "${item.type.split('.')[0]}"` })),
    ...installed.nodes,
  ]);
  const contextProviders = [...(options.contextProviders ?? []), ...installed.contextProviders];
  const describedRoots = [
    { source: 'the engine', roots: engineScopeRoots },
    ...contextProviders.map((provider) => ({
      source: `context provider "${provider.name}"`,
      ...(provider.provides === undefined ? {} : { provides: provider.provides }),
      roots: provider.roots ?? [],
    })),
  ];
  checkScopeRoots(describedRoots);
  const scopeRoots = describedRoots.flatMap((described) => described.roots);
  const sessionTimeouts = options.sessionTimeouts ?? {};
  const database = connectDatabase({
    connectionString: options.databaseUrl,
    schema,
    sessionTimeouts,
    logger: log,
    ...(options.maxConnections === undefined ? {} : { maxConnections: options.maxConnections }),
    jobConnections: options.jobMaxConnections ?? poolSizes(options.workerConcurrency ?? 8, options.timerConcurrency).jobs,
  });
  const { db } = database;
  const runWatchers = createRunWatchers(database, log);
  const boss: PgBoss = createBoss({
    connectionString: options.databaseUrl,
    schema: `${schema}_boss`,
    sessionTimeouts,
    ...(options.queueMaxConnections === undefined ? {} : { maxConnections: options.queueMaxConnections }),
  });
  // pg-boss emits what its pool, its LISTEN connection and its workers' polls run into; while
  // Postgres is away (a restart) that is every poll of every worker, counted with the outage.
  // It reconnects on its own: its pool connects anew and LISTEN retries with backoff.
  boss.on('error', (error: unknown) => {
    if (!database.outages.report(error, 'pg-boss')) log.error('pg-boss error', { error });
  });
  const shutdown = new AbortController();
  const secretsKey: SecretsKeyring | undefined =
    options.secretsKey === undefined ? undefined : { current: options.secretsKey.current, previous: options.secretsKey.previous ?? [] };
  const runtime: Runtime = {
    db,
    boss,
    catalog,
    clock: options.clock ?? (() => new Date()),
    log,
    outages: database.outages,
    contextProviders,
    abortSignal: shutdown.signal,
    graphs: new Map(),
    egress: createEgressDispatcher(createEgressPolicy(options.egress)),
    emit: (trx, event, chain) => emitEvent(runtime, trx, event, chain),
    runBounds: { ...DEFAULT_RUN_BOUNDS, ...options.runBounds },
    secretsKey,
    firstSegmentInStartingTransaction: options.runWorkers ?? true,
  };
  // A stop ends the jobs waiting for Postgres to come back at once: another process retries them.
  const stopping = new AbortController();
  const outageWait = { outages: database.outages, signal: stopping.signal };
  const runWorkers = options.runWorkers ?? true;
  const retentionDays = options.retentionDays ?? DEFAULT_RETENTION_DAYS;

  const stuckRuns = { bossSchema: `${schema}_boss`, ...options.stuckRuns };
  let stopStuckRunRepair: (() => Promise<void>) | undefined;

  const inTransaction = <T>(body: (trx: Kysely<DB>) => Promise<T>): Promise<T> => db.transaction().execute(body);

  async function requireWorkflow(id: string): Promise<Workflow> {
    const workflow = isUuid(id) ? await findWorkflow(db, id) : undefined;
    if (workflow === undefined) throw new SwitchboardError('WORKFLOW_NOT_FOUND', `Workflow ${id} does not exist.`);
    return workflow;
  }

  /** A draft must have the document's shape to be saved; graph problems are returned for the editor, not refused. */
  async function checkDraft(definition: unknown): Promise<{ name: string; description: string | null; issues: readonly Issue[] }> {
    const shape = validateDefinition(definition);
    if (!shape.ok) {
      throw new SwitchboardError('DEFINITION_INVALID', `The workflow definition is invalid: ${summarizeIssues(shape.issues)}`, { issues: shape.issues });
    }
    const compiled = await checkDefinition(db, catalog, shape.definition);
    return { name: shape.definition.name, description: shape.definition.description ?? null, issues: compiled.ok ? [] : compiled.issues };
  }

  const templates = createTemplateLibrary(options.templatesDir, catalog);

  const engine: Engine = {
    catalog,
    templates,
    scopeRoots,
    plugins: installed.plugins,
    log,

    async start() {
      const { applied, adopted } = await migrateDatabase(db, schema, installed.migrationChains);
      if (adopted.length > 0) log.info('migrations handed over to their plugins', { schema, adopted });
      if (applied.length > 0) log.info('database migrated', { schema, applied });
      // Before any job or request: a process that cannot read the stored secrets says so now.
      await checkSecretsKey(db, secretsKey);
      await boss.start();
      await createQueues(boss);
      for (const queue of queues) {
        await ensureQueue(boss, queue.name, {
          policy: queue.policy ?? 'standard',
          notify: true,
          retryLimit: queue.retryLimit ?? 5,
          retryDelay: queue.retryDelaySeconds ?? 2,
          retryBackoff: true,
          retryDelayMax: 600,
        });
      }
      await installed.setup(engine);
      if (!runWorkers) return;
      // Due timers get workers of their own, so a backlog of new runs never sits in front of them.
      const concurrency = options.workerConcurrency ?? 8;
      await workRunJobs(runtime, RUN_QUEUE, concurrency, outageWait);
      await workRunJobs(runtime, RUN_TIMER_QUEUE, options.timerConcurrency ?? defaultTimerConcurrency(concurrency), outageWait);
      await workDeadRunJobs(runtime);
      await workScheduleTicks(runtime);
      await boss.work(MAINTENANCE_QUEUE, { perJobResults: true }, (jobs) =>
        settleJobs(jobs, (job) =>
          reportJobFailure(
            log,
            MAINTENANCE_QUEUE,
            job,
            async () =>
              (job.data as { task?: unknown } | null)?.task === 'live-counts'
                ? void (await runLiveCountsPass(db, runtime.clock()))
                : log.info('retention pass', {
                    ...(await runRetentionPass(db, runtime.clock(), { retentionDays })),
                    expired: await engine.people.deleteExpired(),
                    presence: await deletePresenceBefore(db, new Date(runtime.clock().getTime() - 10 * PRESENCE_WINDOW_MS)),
                  }),
            outageWait,
          ),
        ),
      );
      // Often, so that each pass has little to delete.
      await boss.schedule(MAINTENANCE_QUEUE, '*/10 * * * *', null, { key: 'retention' });
      // Every minute, so live counts read at most a few minutes of steps beyond their buckets.
      await boss.schedule(MAINTENANCE_QUEUE, '* * * * *', { task: 'live-counts' }, { key: 'live-counts' });
      for (const queue of queues) {
        await boss.work<Record<string, unknown>>(
          queue.name,
          { batchSize: queue.concurrency ?? 4, pollingIntervalSeconds: 0.5, notifyPollingIntervalSeconds: 0.5, perJobResults: true },
          (jobs) => settleJobs(jobs, (job) => reportJobFailure(log, queue.name, job, () => queue.handler(job.data, { id: job.id }), outageWait)),
        );
      }
      stopStuckRunRepair = startStuckRunRepair(runtime, stuckRuns);
    },

    async stop({ timeoutMs = 30_000 } = {}) {
      // Graceful: pg-boss stops fetching and waits for the handlers in flight. Steps get the
      // time to finish; only when it runs out are long calls told to give up (they are retried
      // with the same idempotency key by whichever worker picks the job up again).
      const giveUp = setTimeout(() => shutdown.abort(), Math.max(0, timeoutMs - 1000));
      stopping.abort();
      await stopStuckRunRepair?.();
      try {
        await boss.stop({ graceful: true, timeout: timeoutMs, close: true });
      } finally {
        clearTimeout(giveUp);
        shutdown.abort();
      }
      // Open streams end now: their responses would otherwise hold the server's close.
      await runWatchers.close();
      // Steps are over: what is left are idle keep-alive connections.
      await runtime.egress.destroy();
      await database.close();
    },

    async createWorkflow(definition, { by = null } = {}) {
      const draft = await checkDraft(definition);
      const workflow = await insertWorkflow(db, { name: draft.name, description: draft.description, draft: definition, by, now: runtime.clock() });
      return { workflow, issues: draft.issues };
    },

    async updateWorkflow(id, definition, { ifRevision, by = null } = {}) {
      assertNotArchived(await requireWorkflow(id), 'edited');
      const draft = await checkDraft(definition);
      const workflow = await updateWorkflowDraft(db, id, {
        name: draft.name,
        description: draft.description,
        draft: definition,
        by,
        now: runtime.clock(),
        ...(ifRevision === undefined ? {} : { ifRevision }),
      });
      if (workflow === undefined) throw await draftNotUpdated(db, id, ifRevision);
      return { workflow, issues: draft.issues };
    },

    async renameWorkflow(id, name, { ifRevision, by = null } = {}) {
      await requireWorkflow(id);
      return changeDraft(db, id, (current) => withName(current.draft, name), {
        checkDraft,
        by,
        now: runtime.clock(),
        ...(ifRevision === undefined ? {} : { ifRevision }),
      });
    },

    async duplicateWorkflow(id, { name, by = null } = {}) {
      const source = await requireWorkflow(id);
      return engine.createWorkflow(withName(source.draft, name ?? copyName(source.name)), { by });
    },

    async restoreVersionAsDraft(id, version, { ifRevision, by = null } = {}) {
      await requireWorkflow(id);
      const restored = await findVersion(db, id, version);
      if (restored === undefined) {
        throw new SwitchboardError('WORKFLOW_VERSION_NOT_FOUND', `Workflow ${id} has no version ${version}: GET /api/workflows/${id}/versions lists them.`);
      }
      return changeDraft(db, id, (current) => versionAsDraft(restored.definition, current), {
        checkDraft,
        by,
        now: runtime.clock(),
        ...(ifRevision === undefined ? {} : { ifRevision }),
      });
    },

    validateWorkflow: async (definition) => {
      const checked = await checkWorkflow(db, catalog, definition);
      return { ok: checked.ok, issues: checked.ok ? [] : checked.issues };
    },

    getWorkflow: requireWorkflow,
    listWorkflows: (filter = {}) => listWorkflowSummaries(db, filter, new Date(runtime.clock().getTime() - 86_400_000)),
    async getWorkflowDraft(id) {
      const workflow = await requireWorkflow(id);
      return { workflow, issues: (await checkDraft(workflow.draft)).issues };
    },
    async archiveWorkflow(id) {
      await requireWorkflow(id);
      return inTransaction((trx) => archiveWorkflow(runtime, trx, id));
    },
    async restoreWorkflow(id) {
      await requireWorkflow(id);
      return inTransaction((trx) => restoreWorkflow(trx, id));
    },
    async deleteWorkflow(id) {
      await requireWorkflow(id);
      return inTransaction((trx) => deleteWorkflow(runtime, trx, id));
    },

    async publishWorkflow(id, options = {}) {
      await requireWorkflow(id);
      return inTransaction((trx) => publishWorkflow(runtime, trx, id, options));
    },

    async stopWorkflow(id) {
      await requireWorkflow(id);
      return inTransaction((trx) => stopWorkflow(runtime, trx, id));
    },

    async importTemplate(id, request, options = {}) {
      return engine.createWorkflow(await templates.instantiate(id, request), options);
    },

    async recordPresence(workflowId, userId) {
      await requireWorkflow(workflowId);
      return recordHeartbeat(db, { workflowId, userId, now: runtime.clock(), windowMs: PRESENCE_WINDOW_MS });
    },

    async forgetPresence(workflowId, userId) {
      await requireWorkflow(workflowId);
      await deletePresence(db, workflowId, userId);
    },

    async liveCounts(workflowId, windowMs) {
      await requireWorkflow(workflowId);
      const since = windowStart(runtime.clock(), windowMs);
      return { since, nodes: await countLive(db, workflowId, since) };
    },

    async listVersions(id) {
      await requireWorkflow(id);
      return listVersions(db, id);
    },

    emit: (event) => inTransaction((trx) => emitEvent(runtime, trx, event)),
    emitInTransaction: (trx, event) => emitEvent(runtime, asEngineDb(trx), event),
    signal: (key, subject, data) => inTransaction((trx) => deliverSignal(runtime, trx, { key, subject, data })),
    signalInTransaction: (trx, key, subject, data) => deliverSignal(runtime, asEngineDb(trx), { key, subject, data }),
    transaction: (body) => db.transaction().execute((trx) => body(trx as unknown as NodeDatabase)),
    outsideTransaction: (body) => body(db as unknown as NodeDatabase),
    lockSubjectInTransaction: (trx, subject) => lockSubject(asEngineDb(trx), subject),
    async enqueue(trx, queue, data, enqueueOptions = {}) {
      if (!queues.some((known) => known.name === queue)) throw new SwitchboardError('INTERNAL', `Queue "${queue}" is not one of the engine's queues.`);
      await boss.send(queue, data, { db: fromKysely(trx), ...enqueueOptions });
    },

    async startManualRun(workflowId, input, subject) {
      await requireWorkflow(workflowId);
      return inTransaction((trx) => startWorkflowRun(runtime, trx, { workflowId, input, subject, chain: null }));
    },

    runWebhook: (workflowId, request) => {
      if (!isUuid(workflowId)) return Promise.reject(new SwitchboardError('WORKFLOW_NOT_FOUND', `Workflow ${workflowId} does not exist.`));
      return inTransaction((trx) => runWebhook(runtime, trx, workflowId, request));
    },

    async getRun(id) {
      const run = isUuid(id) ? await findRun(db, id) : undefined;
      if (run === undefined) throw new SwitchboardError('RUN_NOT_FOUND', `Run ${id} does not exist.`);
      const [[view], steps, waits] = await Promise.all([describeRuns(db, installed.subjectLabels, [run]), listSteps(db, id), listWaits(db, id)]);
      return { run: view as RunView, steps: describeSteps(steps), waits };
    },

    async explainStep(runId, nodeId, languages) {
      if (!isUuid(runId)) return undefined;
      const [run, recorded] = await Promise.all([findRun(db, runId), findLatestExplanation(db, runId, nodeId)]);
      if (run === undefined || recorded === undefined) return undefined;
      const names = await findWorkflowNames(db, [run.workflowId]);
      return {
        runId,
        nodeId,
        workflowId: run.workflowId,
        workflowName: names.get(run.workflowId) ?? '',
        explanation: translateExplanation(catalog.get(recorded.nodeType)?.definition, recorded.explanation, languages),
      };
    },

    listRuns: async ({ stuck, ...filter }) =>
      describeRuns(
        db,
        installed.subjectLabels,
        await listRuns(db, {
          ...filter,
          // Test chats' runs are hidden unless asked for (docs/ARCHITECTURE.md "Test chat").
          ...(filter.testId === undefined ? { test: filter.test ?? false } : {}),
          ...(stuck === true
            ? {
                stuck: {
                  bossSchema: stuckRuns.bossSchema,
                  runQueues: RUN_QUEUES,
                  before: new Date(runtime.clock().getTime() - (stuckRuns.graceMs ?? DEFAULT_STUCK_GRACE_MS)),
                },
              }
            : {}),
          limit: Math.min(Math.max(filter.limit ?? 50, 1), 500),
        }),
      ),

    createTestInTransaction: (trx, workflowId, testOptions) => {
      if (!isUuid(workflowId)) throw new SwitchboardError('WORKFLOW_NOT_FOUND', `Workflow ${workflowId} does not exist.`);
      return pinTestVersion(runtime, asEngineDb(trx), workflowId, testOptions);
    },
    bindTestSubjectInTransaction: (trx, testId, subject) => bindTestSubject(asEngineDb(trx), testId, subject),
    findTestOfSubjectInTransaction: (trx, subject) => findTestOfSubject(asEngineDb(trx), subject),
    async getTest(id) {
      const test = isUuid(id) ? await findTest(db, id) : undefined;
      if (test === undefined) throw new SwitchboardError('TEST_NOT_FOUND', `Test ${id} does not exist; tests are cleaned up a day after they start.`);
      return test;
    },
    async setTestClockInTransaction(trx, id, clock) {
      const test = isUuid(id) ? await setTestClock(asEngineDb(trx), id, clock, runtime.clock()) : undefined;
      if (test === undefined) throw new SwitchboardError('TEST_NOT_FOUND', `Test ${id} does not exist; tests are cleaned up a day after they start.`);
      return test;
    },
    async deleteTestInTransaction(trx, id) {
      const engineDb = asEngineDb(trx);
      const subjects = isUuid(id) ? await listTestSubjects(engineDb, id) : [];
      const test = isUuid(id) ? await deleteTest(engineDb, id) : undefined;
      if (test === undefined) throw new SwitchboardError('TEST_NOT_FOUND', `Test ${id} does not exist; tests are cleaned up a day after they start.`);
      return { test, subjects };
    },
    listTestsCreatedBefore: (before, limit) => listTestsCreatedBefore(db, before, limit),

    async cancelRun(id) {
      const { run } = await this.getRun(id);
      const cancelled = await inTransaction(async (trx) => {
        if (run.subject !== null) await lockSubject(trx, run.subject);
        return cancelRunInTransaction(trx, id, runtime.clock(), 'cancelled through the API');
      });
      if (!cancelled)
        throw new SwitchboardError('RUN_NOT_CANCELLABLE', `Run ${id} has already finished (${run.status}); only running or waiting runs can be cancelled.`);
      return (await this.getRun(id)).run;
    },

    async retryRun(id) {
      const { run } = await this.getRun(id);
      const outcome = await inTransaction((trx) => retryRunInTransaction(runtime, trx, id, run.subject));
      if (!outcome.retried) {
        const why =
          outcome.reason === 'step_limit'
            ? 'it reached its step cap (settings.maxSteps), and would stop again at the next node; publish a version with a higher cap and start a new run'
            : outcome.reason === 'no_node'
              ? 'it has no node to re-enter'
              : `it is ${outcome.status ?? run.status}; only failed runs can be retried`;
        throw new SwitchboardError('RUN_NOT_RETRYABLE', `Run ${id} cannot be retried: ${why}.`);
      }
      return (await this.getRun(id)).run;
    },

    watchRuns: (watcher) => runWatchers.watch(watcher),

    async checkDatabase() {
      try {
        await answersWithin(database.probe(), HEALTH_CHECK_TIMEOUT_MS);
      } catch (error) {
        database.outages.report(error, 'health check');
        const since = database.outages.since();
        // The reason is a code (57P03, ECONNREFUSED), never the driver's text, which names hosts.
        throw new SwitchboardError(
          'DATABASE_UNAVAILABLE',
          `The database does not answer (${databaseUnavailable(error) ?? 'no answer'})${since === undefined ? '' : ` since ${since.toISOString()}`}; work resumes when it is back.`,
          { cause: error },
        );
      }
    },
    countApiTokens: () => countApiTokens(db),
    saveApiToken: (token) => insertApiToken(db, token),
    people: createPeople(db, runtime.clock),

    listSecrets: () => listSecretInfos(db),
    putSecret: (name, value) => putSecret(db, secretsKey, name, value, runtime.clock()),
    deleteSecret: (name) => removeSecret(db, name),
    reencryptSecrets: () => reencryptSecrets(db, secretsKey),
  };
  return engine;
}

/**
 * Consumers hold the public `NodeDatabase` (a Kysely with no tables known);
 * it is the same connection or transaction, seen with the engine's tables.
 */
function asEngineDb(db: NodeDatabase): Kysely<DB> {
  return db.withTables<DB>();
}

/** How long the health check waits for `select 1`: a load balancer's own timeout is often 5 s. */
const HEALTH_CHECK_TIMEOUT_MS = 4000;

/** Rejects when `query` takes longer than `timeoutMs`; the query itself is left to finish or fail. */
async function answersWithin(query: Promise<unknown>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      query,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    query.catch(() => undefined);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are uuids; anything else is simply not found (and never reaches Postgres as a cast error). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
