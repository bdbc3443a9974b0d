import type { Kysely } from 'kysely';
import type { DB, RunStatus } from './store/database.ts';
import { connectDatabase, type Database } from './store/connect-database.ts';
import { migrateDatabase } from './store/migrate-database.ts';
import { findWorkflow, insertWorkflow, listWorkflows, updateWorkflowDraft, type Workflow } from './store/workflows.ts';
import { listVersions, type WorkflowVersion } from './store/versions.ts';
import { findRun, listRuns, type Run } from './store/runs.ts';
import { listSteps, type Step } from './store/steps.ts';
import { listWaits, type Wait } from './store/waits.ts';
import { deleteEventsBefore } from './store/events.ts';
import { deleteSignalsBefore } from './store/signals.ts';
import { lockSubject } from './store/subject-lock.ts';
import { createNodeCatalog, type NodeCatalog, type NodeRegistration } from './graph/node-catalog.ts';
import { compileDefinition } from './graph/compile-graph.ts';
import { validateDefinition } from './graph/validate-definition.ts';
import type { Issue } from './errors.ts';
import { SwitchboardError } from './errors.ts';
import type { AnyNodeDefinition, ContextProvider, EmittedEvent, NodeDatabase, WebhookRequest } from './sdk.ts';
import { createLogger, type Logger } from './logger.ts';
import { createBoss, createQueues, MAINTENANCE_QUEUE, RUN_QUEUE, SCHEDULE_QUEUE, type PgBoss, type RunJob, type ScheduleJob } from './runtime/queue.ts';
import type { Runtime } from './runtime/runtime.ts';
import { fromKysely } from 'pg-boss';
import { advanceRun } from './runtime/advance-run.ts';
import { cancelRunInTransaction } from './runtime/cancel-run.ts';
import { startWorkflowRun } from './runtime/start-workflow-run.ts';
import { deliverSignal } from './runtime/resume-wait.ts';
import { emitEvent, type EmitResult } from './triggers/emit-event.ts';
import { publishWorkflow, stopWorkflow } from './triggers/publish-workflow.ts';
import { archiveWorkflow, restoreWorkflow } from './triggers/archive-workflow.ts';
import { assertNotArchived } from './triggers/assert-not-archived.ts';
import { deleteWorkflow } from './triggers/delete-workflow.ts';
import { runSchedule } from './triggers/run-schedule.ts';
import { runWebhook } from './triggers/run-webhook.ts';
import { createTemplateLibrary, type TemplateLibrary } from './templates/template-library.ts';
import type { TemplateImport } from './templates/instantiate-template.ts';
import { summarizeIssues } from './graph/summarize-issues.ts';

export interface EngineOptions {
  readonly databaseUrl: string;
  /** Postgres schema for Switchboard's tables; pg-boss uses `<schema>_boss`. Defaults to `switchboard`. */
  readonly schema?: string;
  /** Node types to install: built-in packs and custom nodes. A type id may appear once. */
  readonly nodes: readonly (AnyNodeDefinition | NodeRegistration)[];
  readonly contextProviders?: readonly ContextProvider[];
  /** Whether this process runs workers (`start`, `worker`) or only serves the API (`api`). Defaults to true. */
  readonly runWorkers?: boolean;
  /** Run jobs processed at once by this process. Defaults to 8. */
  readonly workerConcurrency?: number;
  readonly clock?: () => Date;
  readonly logger?: Logger;
  /** Database pool size for this process. Defaults to 10. */
  readonly maxConnections?: number;
  /** How long finished events and unclaimed signals are kept, in days. Defaults to 30. */
  readonly retentionDays?: number;
  /** Directory of bundled workflow templates (one JSON file each). Without it no templates are offered. */
  readonly templatesDir?: string;
  /** Extra job queues a consumer runs on the engine's pg-boss (the inbox's outbox, for one). */
  readonly queues?: readonly QueueDefinition[];
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

/** The engine: one per process. Its methods are what the API, the CLI and consumers (the inbox) use. */
export interface Engine {
  readonly catalog: NodeCatalog;
  readonly templates: TemplateLibrary;
  readonly database: Database;
  readonly runtime: Runtime;
  readonly log: Logger;
  start(): Promise<void>;
  /** Finishes steps in flight (up to `timeoutMs`, default 30 s), then closes connections. */
  stop(options?: { readonly timeoutMs?: number }): Promise<void>;

  createWorkflow(definition: unknown): Promise<{ workflow: Workflow; issues: readonly Issue[] }>;
  updateWorkflow(id: string, definition: unknown): Promise<{ workflow: Workflow; issues: readonly Issue[] }>;
  getWorkflow(id: string): Promise<Workflow>;
  /** Workflows that are not archived, newest first; `{ archived: true }` lists the archived ones instead. */
  listWorkflows(filter?: { readonly archived?: boolean }): Promise<Workflow[]>;
  /** A workflow with the problems that would block publishing its draft now (empty when it can be published). */
  getWorkflowDraft(id: string): Promise<{ workflow: Workflow; issues: readonly Issue[] }>;
  /** Stops its trigger (runs in flight finish) and hides it from the default list. */
  archiveWorkflow(id: string): Promise<Workflow>;
  /** Brings an archived workflow back as a stopped draft. */
  restoreWorkflow(id: string): Promise<Workflow>;
  /** Deletes a workflow that never ran; one with runs is refused with WORKFLOW_HAS_RUNS (archive it instead). */
  deleteWorkflow(id: string): Promise<void>;
  publishWorkflow(id: string): Promise<{ workflow: Workflow; version: WorkflowVersion }>;
  stopWorkflow(id: string): Promise<Workflow>;
  listVersions(id: string): Promise<WorkflowVersion[]>;
  /** Creates a draft workflow from a bundled template; nothing is created when a parameter or node type is missing. */
  importTemplate(id: string, request: TemplateImport): Promise<{ workflow: Workflow; issues: readonly Issue[] }>;

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
   * Serializes the caller's transaction, until it commits, with every step,
   * event and resume of runs on `subject` (promise 3): a consumer that changes
   * a subject outside a run (the inbox's API) takes it first.
   */
  lockSubjectInTransaction(trx: NodeDatabase, subject: string): Promise<void>;
  /** Queues a job on one of `options.queues` inside the caller's transaction. */
  enqueue(trx: NodeDatabase, queue: string, data: Readonly<Record<string, unknown>>, options?: { readonly startAfter?: Date; readonly singletonKey?: string }): Promise<void>;
  startManualRun(workflowId: string, input: Readonly<Record<string, unknown>>, subject: string | null): Promise<{ runId: string; started: boolean }>;
  runWebhook(workflowId: string, request: WebhookRequest): Promise<{ runId: string; started: boolean }>;

  getRun(id: string): Promise<{ run: Run; steps: Step[]; waits: Wait[] }>;
  listRuns(filter: { workflowId?: string; status?: RunStatus; subject?: string; limit?: number; before?: { createdAt: Date; id: string } }): Promise<Run[]>;
  cancelRun(id: string): Promise<Run>;
}

export function createEngine(options: EngineOptions): Engine {
  const schema = options.schema ?? 'switchboard';
  const log = options.logger ?? createLogger('info');
  const catalog = createNodeCatalog(
    options.nodes.map((item) => ('node' in item && 'source' in item ? item : { node: item, source: `pack "${item.type.split('.')[0]}"` })),
  );
  const database = connectDatabase({ connectionString: options.databaseUrl, schema, ...(options.maxConnections === undefined ? {} : { maxConnections: options.maxConnections }) });
  const { db } = database;
  const boss: PgBoss = createBoss({ connectionString: options.databaseUrl, schema: `${schema}_boss` });
  boss.on('error', (error: unknown) => log.error('pg-boss error', { error }));
  const shutdown = new AbortController();
  const runtime: Runtime = {
    db,
    boss,
    catalog,
    clock: options.clock ?? (() => new Date()),
    log,
    contextProviders: options.contextProviders ?? [],
    abortSignal: shutdown.signal,
    graphs: new Map(),
    emit: (trx, event) => emitEvent(runtime, trx, event),
  };
  const runWorkers = options.runWorkers ?? true;
  const retentionDays = options.retentionDays ?? 30;

  const inTransaction = <T>(body: (trx: Kysely<DB>) => Promise<T>): Promise<T> => db.transaction().execute(body);

  async function requireWorkflow(id: string): Promise<Workflow> {
    const workflow = isUuid(id) ? await findWorkflow(db, id) : undefined;
    if (workflow === undefined) throw new SwitchboardError('WORKFLOW_NOT_FOUND', `Workflow ${id} does not exist.`);
    return workflow;
  }

  /** A draft must have the document's shape to be saved; graph problems are returned for the editor, not refused. */
  function checkDraft(definition: unknown): { name: string; description: string | null; issues: readonly Issue[] } {
    const shape = validateDefinition(definition);
    if (!shape.ok) {
      throw new SwitchboardError('DEFINITION_INVALID', `The workflow definition is invalid: ${summarizeIssues(shape.issues)}`, { issues: shape.issues });
    }
    const compiled = compileDefinition(shape.definition, catalog);
    return { name: shape.definition.name, description: shape.definition.description ?? null, issues: compiled.ok ? [] : compiled.issues };
  }

  const templates = createTemplateLibrary(options.templatesDir, catalog);

  return {
    catalog,
    templates,
    database,
    runtime,
    log,

    async start() {
      const { applied } = await migrateDatabase(db, schema);
      if (applied.length > 0) log.info('database migrated', { schema, applied });
      await boss.start();
      await createQueues(boss);
      for (const queue of options.queues ?? []) {
        await boss.createQueue(queue.name, { policy: queue.policy ?? 'standard', notify: true, retryLimit: queue.retryLimit ?? 5, retryDelay: queue.retryDelaySeconds ?? 2, retryBackoff: true, retryDelayMax: 600 });
      }
      if (!runWorkers) return;
      const concurrency = options.workerConcurrency ?? 8;
      // Several pollers with small batches: a slow job (an HTTP call) holds up only its own
      // batch. A full batch means more work is waiting, so fetch again at once (burst).
      // Delayed jobs (wait deadlines, retries) raise no NOTIFY when they come due, so the
      // poll interval bounds how late a wait can fire: half a second.
      const batchSize = 4;
      await boss.work<RunJob>(
        RUN_QUEUE,
        { batchSize, localConcurrency: Math.max(1, Math.ceil(concurrency / batchSize)), burstWhenBatchFull: true, pollingIntervalSeconds: 0.5, notifyPollingIntervalSeconds: 0.5 },
        // A job that throws is retried by pg-boss and, being fenced, is harmless to repeat.
        (jobs) => settleBatch(jobs, (job) => advanceRun(runtime, job.data)),
      );
      await boss.work<ScheduleJob>(SCHEDULE_QUEUE, { batchSize: 10, pollingIntervalSeconds: 2 }, async (jobs) => {
        for (const job of jobs) await inTransaction((trx) => runSchedule(runtime, trx, job.data.workflowId));
      });
      await boss.work(MAINTENANCE_QUEUE, async () => {
        const before = new Date(runtime.clock().getTime() - retentionDays * 86_400_000);
        const events = await deleteEventsBefore(db, before);
        const signals = await deleteSignalsBefore(db, before);
        log.info('retention pass', { events, signals });
      });
      await boss.schedule(MAINTENANCE_QUEUE, '17 3 * * *', null, { key: 'retention' });
      for (const queue of options.queues ?? []) {
        await boss.work<Record<string, unknown>>(queue.name, { batchSize: queue.concurrency ?? 4, pollingIntervalSeconds: 0.5, notifyPollingIntervalSeconds: 0.5 }, (jobs) =>
          settleBatch(jobs, (job) => queue.handler(job.data, { id: job.id })),
        );
      }
    },

    async stop({ timeoutMs = 30_000 } = {}) {
      // Graceful: pg-boss stops fetching and waits for the handlers in flight. Steps get the
      // time to finish; only when it runs out are long calls told to give up (they are retried
      // with the same idempotency key by whichever worker picks the job up again).
      const giveUp = setTimeout(() => shutdown.abort(), Math.max(0, timeoutMs - 1000));
      try {
        await boss.stop({ graceful: true, timeout: timeoutMs, close: true });
      } finally {
        clearTimeout(giveUp);
        shutdown.abort();
      }
      await database.close();
    },

    async createWorkflow(definition) {
      const draft = checkDraft(definition);
      const workflow = await insertWorkflow(db, { name: draft.name, description: draft.description, draft: definition });
      return { workflow, issues: draft.issues };
    },

    async updateWorkflow(id, definition) {
      assertNotArchived(await requireWorkflow(id), 'edited');
      const draft = checkDraft(definition);
      const workflow = await updateWorkflowDraft(db, id, { name: draft.name, description: draft.description, draft: definition });
      if (workflow === undefined) throw new SwitchboardError('WORKFLOW_NOT_FOUND', `Workflow ${id} does not exist.`);
      return { workflow, issues: draft.issues };
    },

    getWorkflow: requireWorkflow,
    listWorkflows: (filter) => listWorkflows(db, filter),
    async getWorkflowDraft(id) {
      const workflow = await requireWorkflow(id);
      return { workflow, issues: checkDraft(workflow.draft).issues };
    },
    async archiveWorkflow(id) {
      await requireWorkflow(id);
      return inTransaction((trx) => archiveWorkflow(runtime, trx, id));
    },
    async restoreWorkflow(id) {
      await requireWorkflow(id);
      return inTransaction((trx) => restoreWorkflow(runtime, trx, id));
    },
    async deleteWorkflow(id) {
      await requireWorkflow(id);
      return inTransaction((trx) => deleteWorkflow(runtime, trx, id));
    },

    async publishWorkflow(id) {
      await requireWorkflow(id);
      return inTransaction((trx) => publishWorkflow(runtime, trx, id));
    },

    async stopWorkflow(id) {
      await requireWorkflow(id);
      return inTransaction((trx) => stopWorkflow(runtime, trx, id));
    },

    async importTemplate(id, request) {
      return this.createWorkflow(await templates.instantiate(id, request));
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
    lockSubjectInTransaction: (trx, subject) => lockSubject(asEngineDb(trx), subject),
    async enqueue(trx, queue, data, enqueueOptions = {}) {
      if (!(options.queues ?? []).some((known) => known.name === queue)) throw new SwitchboardError('INTERNAL', `Queue "${queue}" is not one of the engine's queues.`);
      await boss.send(queue, data, { db: fromKysely(trx), ...enqueueOptions });
    },

    async startManualRun(workflowId, input, subject) {
      await requireWorkflow(workflowId);
      return inTransaction((trx) => startWorkflowRun(runtime, trx, { workflowId, input, subject, parentRunId: null }));
    },

    runWebhook: (workflowId, request) => {
      if (!isUuid(workflowId)) return Promise.reject(new SwitchboardError('WORKFLOW_NOT_FOUND', `Workflow ${workflowId} does not exist.`));
      return inTransaction((trx) => runWebhook(runtime, trx, workflowId, request));
    },

    async getRun(id) {
      const run = isUuid(id) ? await findRun(db, id) : undefined;
      if (run === undefined) throw new SwitchboardError('RUN_NOT_FOUND', `Run ${id} does not exist.`);
      const [steps, waits] = await Promise.all([listSteps(db, id), listWaits(db, id)]);
      return { run, steps, waits };
    },

    listRuns: (filter) => listRuns(db, { ...filter, limit: Math.min(Math.max(filter.limit ?? 50, 1), 500) }),

    async cancelRun(id) {
      const { run } = await this.getRun(id);
      const cancelled = await inTransaction(async (trx) => {
        if (run.subject !== null) await lockSubject(trx, run.subject);
        return cancelRunInTransaction(trx, id, runtime.clock(), 'cancelled through the API');
      });
      if (!cancelled) throw new SwitchboardError('RUN_NOT_CANCELLABLE', `Run ${id} has already finished (${run.status}); only running or waiting runs can be cancelled.`);
      return (await this.getRun(id)).run;
    },
  };
}

/**
 * Handles a fetched batch side by side. Every job gets its chance even when
 * another fails; then the batch fails if any job did, and pg-boss retries it.
 */
async function settleBatch<T>(jobs: readonly T[], handle: (job: T) => Promise<void>): Promise<void> {
  const results = await Promise.allSettled(jobs.map(handle));
  const failed = results.find((result) => result.status === 'rejected');
  if (failed !== undefined) throw (failed as PromiseRejectedResult).reason;
}

/**
 * Consumers hold the public `NodeDatabase` (a Kysely with no tables known);
 * it is the same connection or transaction, seen with the engine's tables.
 */
function asEngineDb(db: NodeDatabase): Kysely<DB> {
  return db.withTables<DB>();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are uuids; anything else is simply not found (and never reaches Postgres as a cast error). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
