import { AsyncLocalStorage } from 'node:async_hooks';
import type { Kysely } from 'kysely';
import type { DB, RunStatus } from '../store/database.ts';
import type { CompiledGraph, CompiledNode } from '../graph/compile-graph.ts';
import type { CatalogEntry } from '../graph/node-catalog.ts';
import type { AnyNodeDefinition, RunInfo, StepResult, WaitRequest } from '../sdk.ts';
import type { RecordedError } from '../errors.ts';
import { findRun, lockRunToAdvance, type Run, saveRunProgress } from '../store/runs.ts';
import type { StepRecord } from '../store/steps.ts';
import { claimPendingWait, findWait, insertWait } from '../store/waits.ts';
import { consumeSignal, lockSignalKey } from '../store/signals.ts';
import { lockSubject } from '../store/subject-lock.ts';
import { ChainedSavepoint } from '../store/step-savepoint.ts';
import { connectionOf } from '../store/prepared-statements.ts';
import { type RunJob, sendRunJob, sendRunJobs } from './queue.ts';
import { loadGraph } from './load-graph.ts';
import { waitDeadline } from './wait-deadline.ts';
import { toRealTime } from './run-clock.ts';
import { executeStep, type StepOutcome } from './execute-step.ts';
import type { Runtime } from './runtime.ts';

/** A step with outside effects, decided in one transaction and run outside any. */
interface ExternalStep {
  readonly runId: string;
  readonly seq: number;
  readonly nodeId: string;
  readonly visit: number;
  readonly attempt: number;
  readonly run: Run;
  readonly node: CompiledNode;
  readonly entry: CatalogEntry<AnyNodeDefinition>;
}

type SegmentEnd =
  | { readonly kind: 'done' }
  | { readonly kind: 'external'; readonly step: ExternalStep }
  /** Another run of the subject, created earlier, has not begun: advance it first, then come back. */
  | { readonly kind: 'yield'; readonly to: RunJob }
  /** A first segment in the starting transaction reached a node it leaves to the run's job (takesInStartingTransaction). */
  | { readonly kind: 'handoff' };

/**
 * Handles one run job: advances the run through as many steps as it can in
 * one transaction (a job per step is the slow design), stopping at a wait, the
 * end, a node with outside effects, or after MAX_SEGMENT_STEPS steps (a fresh
 * job carries on). A node with outside effects runs between two transactions;
 * its result is recorded by the next one, which carries on.
 *
 * Every job is safe to run twice. A duplicate or superseded job finds a newer
 * `seq` (or a different wait) on the locked run row and does nothing, so a
 * worker killed at any instant loses nothing and repeats no database effect.
 */
export async function advanceRun(rt: Runtime, job: RunJob): Promise<void> {
  const segment = (segmentJob: RunJob, external?: ExternalOutcome) =>
    rt.db.transaction().execute(async (trx) => {
      const { end, followers } = await advanceSegment(rt, trx, segmentJob, external);
      await takeFirstSegments(rt, trx, followers);
      return end;
    });
  let end = await segment(job);
  let yields = 0;
  for (;;) {
    if (end.kind === 'yield' && yields < MAX_YIELDS) {
      // An older run of the subject has not begun yet: it goes first.
      yields += 1;
      await advanceRun(rt, end.to);
      end = await segment(job);
      continue;
    }
    if (end.kind === 'yield') {
      // Bound reached and the run still waits its turn: never complete the job without moving
      // its run. A fresh job for it (same seq, so fenced) goes to the back of the queue and
      // carries on where this one stopped. Throwing for a pg-boss retry instead would spend the
      // job's retry budget on a healthy run, dead-letter it (failing the run) after enough
      // older runs, and log an error for what is only a backlog.
      await sendRunJob(rt.boss, rt.db, job);
      return;
    }
    if (end.kind === 'external') {
      const { step } = end;
      const outcome = await executeStep(rt, rt.db, {
        node: step.node,
        entry: step.entry,
        run: runInfo(step.run),
        trigger: step.run.trigger,
        vars: step.run.vars,
        outputs: step.run.outputs,
        visit: step.visit,
        attempt: step.attempt,
      });
      end = await segment({ runId: step.runId, seq: step.seq, subject: step.run.subject }, { nodeId: step.nodeId, visit: step.visit, outcome });
      continue;
    }
    return;
  }
}

/** The job of a run that has not taken a step yet: it continues the run from its trigger. */
export type FirstSegmentJob = RunJob & { readonly seq: number };

/**
 * Takes new runs' first segments in the transaction that just started them (an event from
 * outside: an inbound message, `POST /api/events`), instead of leaving them to their jobs, and
 * sends the jobs of those that still need one. The transaction, the job and the queue's hop this
 * saves were most of a short run's cost (README, "Where the time goes"). Call with the runs'
 * subjects locked.
 *
 * A run still needs its job when an older run of its subject has not begun (it goes first,
 * promise 3), when it stops before a node it does not take (takesInStartingTransaction), or when
 * its segment throws (undone to its savepoint, then the job tries it as before). Each segment takes
 * at most FIRST_SEGMENT_STEPS steps, so the request waits for a few steps at most; a longer run
 * carries on in a fresh job.
 *
 * The runs a first segment's steps start on its own subject in this transaction (the inbox's
 * `inbox.conversation_assigned` starting the "te atiende" flow) follow, in the order they were
 * created, rather than waiting for jobs of their own (RunningSegment#follow), up to
 * FIRST_SEGMENTS_PER_CALL segments in all: runs that start each other without end get jobs
 * past that.
 */
export async function takeFirstSegments(rt: Runtime, trx: Kysely<DB>, jobs: readonly FirstSegmentJob[]): Promise<void> {
  // One savepoint for all of them: each segment's `begin` releases the one before it.
  const savepoint = new ChainedSavepoint('first_segment');
  const pending = [...jobs];
  const queued: RunJob[] = [];
  let taken = 0;
  for (let job = pending.shift(); job !== undefined; job = pending.shift()) {
    if (taken >= FIRST_SEGMENTS_PER_CALL) {
      queued.push(job);
      continue;
    }
    taken += 1;
    const { needsJob, followers } = await takeFirstSegment(rt, trx, job, savepoint);
    if (needsJob) queued.push(job);
    pending.push(...followers);
  }
  await sendRunJobs(rt.boss, trx, queued);
}

async function takeFirstSegment(
  rt: Runtime,
  trx: Kysely<DB>,
  job: FirstSegmentJob,
  savepoint: ChainedSavepoint,
): Promise<{ readonly needsJob: boolean; readonly followers: readonly FirstSegmentJob[] }> {
  await savepoint.begin(trx);
  let taken: Awaited<ReturnType<typeof advanceSegment>>;
  try {
    taken = await advanceSegment(rt, trx, job, undefined, { maxSteps: FIRST_SEGMENT_STEPS, inStartingTransaction: true });
  } catch (error) {
    // Undone, and with it any run its steps started: their followers are gone too.
    await savepoint.rollBack(trx);
    rt.log.debug('first segment left to the run job', { runId: job.runId, error });
    return { needsJob: true, followers: [] };
  }
  if (taken.end.kind === 'yield') {
    await savepoint.rollBack(trx);
    return { needsJob: true, followers: [] };
  }
  return { needsJob: taken.end.kind !== 'done', followers: taken.followers };
}

/** Segments one takeFirstSegments call takes, the runs it was given and their followers together. */
const FIRST_SEGMENTS_PER_CALL = 20;

/** Steps a first segment takes in the starting transaction before a fresh job carries on. */
const FIRST_SEGMENT_STEPS = 50;

/**
 * The nodes a first segment takes in the starting transaction: the ones Switchboard ships (the
 * engine's core pack and the inbox), whose database work is a few statements, and any node that
 * writes nothing. Another node (a custom module's, another plugin's) may use its whole deadline
 * (30 s by default), and the request that started the run should not wait for that: its job
 * takes it, as it takes a node with outside effects.
 */
function takesInStartingTransaction(entry: CatalogEntry<AnyNodeDefinition>): boolean {
  const { definition } = entry;
  if (definition.kind === 'step' && definition.effects === 'external') return false;
  return entry.source === 'pack "core"' || entry.source === 'plugin "inbox"' || (definition.kind === 'step' && definition.effects === 'none');
}

/** Bounds how many older runs one job starts before its own, whatever happens to them. */
const MAX_YIELDS = 100;

/**
 * Steps one segment runs before it commits and leaves the rest to a fresh job. A segment is one
 * transaction holding its subject's lock and its run row, with its step records buffered for one
 * write: unbounded, a long jump loop would hold the subject's other work back for as long as it
 * runs, build statements past Postgres's bind-parameter limit, and lose everything to a single
 * failure at the end. 500 cheap steps take tens of milliseconds, and their records still go in
 * one statement (store/row-chunks.ts); the fresh job carries on at once, behind the queue's
 * other work. The run's own cap (settings.maxSteps) counts across segments.
 */
const MAX_SEGMENT_STEPS = 500;

interface ExternalOutcome {
  readonly nodeId: string;
  readonly visit: number;
  readonly outcome: StepOutcome;
}

/** The run's progress while a segment works on it; saved once at the end of the segment. */
interface RunState {
  status: RunStatus;
  vars: Record<string, unknown>;
  outputs: Record<string, unknown>;
  visits: Record<string, number>;
  cursor: string | null;
  attempt: number;
  seq: number;
  waitId: string | null;
  stepCount: number;
  error: RecordedError | null;
  /** Step records of this segment, written in one statement before it commits; one per visit. */
  steps: Map<string, StepRecord>;
  /** The savepoint before each of the segment's steps that write (store/step-savepoint.ts). */
  readonly savepoint: ChainedSavepoint;
}

/**
 * What the events a segment's steps emit need to know of it (emitEvent). An event a step emits,
 * even through a plugin's `emitInTransaction`, never takes first segments where it is emitted: a
 * segment inside another would share its transaction's savepoint names and run before the outer
 * step had finished, and one in another transaction would wait for the subject lock this segment
 * holds. The runs it starts get their jobs, or, when they can, follow this segment: their first
 * segments run after it, in its transaction (takeFirstSegments).
 */
export class RunningSegment {
  private subject: string | null = null;
  /** The connection of the segment's transaction (store/prepared-statements.ts, connectionOf). */
  private connection: object | undefined;
  /** null when the segment takes no followers, or is over and takes no more. */
  private followers: FirstSegmentJob[] | null;

  constructor(takesFollowers: boolean) {
    this.followers = takesFollowers ? [] : null;
  }

  locked(subject: string | null, connection: object | undefined): void {
    this.subject = subject;
    this.connection = connection;
  }

  /**
   * Takes the new runs' jobs as followers and says whether it did. Only runs of the segment's own
   * subject, whose lock it holds (locking another subject here would take two in no fixed order),
   * started in its own transaction: one that commits without the segment's would leave runs that
   * nothing advances.
   */
  follow(subject: string | null, connection: object | undefined, jobs: readonly FirstSegmentJob[]): boolean {
    if (this.followers === null || subject === null || subject !== this.subject || connection === undefined || connection !== this.connection) return false;
    this.followers.push(...jobs);
    return true;
  }

  /** The segment is over: its followers, and no more of them. */
  end(): readonly FirstSegmentJob[] {
    const followers = this.followers ?? [];
    this.followers = null;
    return followers;
  }
}

const segmentRunning = new AsyncLocalStorage<RunningSegment>();

/** The segment whose step is running, if any (emitEvent). */
export function runningSegment(): RunningSegment | undefined {
  return segmentRunning.getStore();
}

/**
 * Runs one segment. `followers` are the runs its steps started that follow it (RunningSegment):
 * the caller takes their first segments before its transaction commits.
 */
async function advanceSegment(
  rt: Runtime,
  trx: Kysely<DB>,
  job: RunJob,
  external: ExternalOutcome | undefined,
  options: SegmentOptions = {},
): Promise<{ readonly end: SegmentEnd; readonly followers: readonly FirstSegmentJob[] }> {
  const segment = new RunningSegment(rt.firstSegmentInStartingTransaction);
  try {
    const end = await segmentRunning.run(segment, () => advanceSegmentSteps(rt, trx, segment, job, external, options));
    return { end, followers: segment.end() };
  } finally {
    segment.end();
  }
}

interface SegmentOptions {
  readonly maxSteps?: number;
  readonly inStartingTransaction?: boolean;
}

async function advanceSegmentSteps(
  rt: Runtime,
  trx: Kysely<DB>,
  segment: RunningSegment,
  job: RunJob,
  external: ExternalOutcome | undefined,
  { maxSteps = MAX_SEGMENT_STEPS, inStartingTransaction = false }: SegmentOptions,
): Promise<SegmentEnd> {
  // Lock order everywhere: subject, then run row, then signal keys.
  // Jobs carry the run's subject so the lock comes first without reading the run twice.
  const subject = job.subject !== undefined ? job.subject : (await findRun(trx, job.runId))?.subject;
  if (subject === undefined) return { kind: 'done' };
  if (subject !== null) await lockSubject(trx, subject);
  const { value: locked, connection } = await connectionOf(() => lockRunToAdvance(trx, job.runId));
  if (locked === undefined) return { kind: 'done' };
  segment.locked(subject, connection);
  const { run } = locked;
  const state: RunState = {
    status: run.status,
    vars: { ...run.vars },
    outputs: { ...run.outputs },
    visits: { ...run.visits },
    cursor: run.cursorNode,
    attempt: run.attempt,
    seq: run.seq,
    waitId: run.waitId,
    stepCount: run.stepCount,
    error: null,
    steps: new Map(),
    savepoint: new ChainedSavepoint('step'),
  };
  const now = rt.clock();
  let pending: StepOutcome | undefined;
  let executed = 0;

  const graph = await loadGraph(rt, trx, run.workflowId, run.version);
  if ('seq' in job) {
    if (run.status !== 'running' || run.seq !== job.seq) return { kind: 'done' };
    // Promise 3: runs of one subject begin in the order they were created, even when one
    // transaction created several and their jobs were fetched in another order.
    const { earlier } = locked;
    if (external === undefined && subject !== null && earlier !== null) return { kind: 'yield', to: { runId: earlier.id, seq: earlier.seq, subject } };
    if (external !== undefined) {
      // Only record the outside call if the run is still where it was when the call was decided.
      if (state.cursor !== external.nodeId || state.visits[external.nodeId] !== external.visit) return { kind: 'done' };
      pending = external.outcome;
    }
  } else {
    const waitId = 'timeoutWaitId' in job ? job.timeoutWaitId : job.signalWaitId;
    if (run.status === 'running') {
      // This job resumed its wait, then its worker died during the outside call that came
      // next; pg-boss retries it. Carry on with that call (same visit, same key); anything
      // else means another job owns the run now.
      if (!isEnteredExternal(rt, graph, state) || (await findWait(trx, waitId))?.status !== 'resumed') return { kind: 'done' };
    } else {
      if (run.status !== 'waiting' || run.waitId !== waitId || state.cursor === null) return { kind: 'done' };
      let resumed: { reason: 'timeout' } | { reason: 'signal'; data: Readonly<Record<string, unknown>> };
      let waitState: Readonly<Record<string, unknown>> = {};
      if ('timeoutWaitId' in job) {
        // A signal may have claimed the wait a moment ago; then its own job resumes the run.
        const wait = await claimPendingWait(trx, job.timeoutWaitId, now);
        if (wait === undefined) return { kind: 'done' };
        waitState = wait.state;
        resumed = { reason: 'timeout' };
      } else {
        const wait = await findWait(trx, job.signalWaitId);
        if (wait?.status !== 'resumed') return { kind: 'done' };
        waitState = wait.state;
        resumed = { reason: 'signal', data: job.data };
      }
      state.status = 'running';
      state.waitId = null;
      const node = graph.nodes[state.cursor];
      const entry = node === undefined ? undefined : rt.catalog.get(node.type);
      if (node === undefined || entry === undefined) return failMissingNode(rt, trx, run, state, node, now);
      pending = await inSavepoint(trx, state, () =>
        executeStep(rt, trx, { ...stepArguments(run, state, node, entry), visit: state.visits[node.id] ?? 1, resume: { resumed, state: waitState } }),
      );
    }
  }

  for (;;) {
    if (state.cursor === null) {
      state.status = 'completed';
      break;
    }
    const node = graph.nodes[state.cursor];
    const entry = node === undefined ? undefined : rt.catalog.get(node.type);
    if (node === undefined || entry === undefined) return failMissingNode(rt, trx, run, state, node, now);
    if (pending === undefined) {
      if (state.attempt === 0 && state.stepCount >= graph.maxSteps) {
        state.status = 'failed';
        state.error = {
          code: 'RUN_STEP_LIMIT',
          kind: 'user',
          message: `The run reached its cap of ${graph.maxSteps} steps at node "${node.id}" and was stopped (settings.maxSteps).`,
        };
        break;
      }
      if (inStartingTransaction && !takesInStartingTransaction(entry)) {
        // The job carries on from this node; what the segment did so far commits with the event.
        if (executed > 0) await save(trx, run.id, state, now);
        return { kind: 'handoff' };
      }
      if (state.attempt === 0 && executed >= maxSteps) {
        // Commit what this segment did and hand the rest to a fresh job. The next seq fences
        // out this job and its duplicates, as a retry's job does.
        state.seq += 1;
        await sendRunJob(rt.boss, trx, { runId: run.id, seq: state.seq, subject: run.subject });
        break;
      }
      if (state.attempt === 0) {
        // Entering the node: a new visit. Retries and resumes keep theirs, so the idempotency key is stable.
        state.visits[node.id] = (state.visits[node.id] ?? 0) + 1;
        state.attempt = 1;
      }
      const visit = state.visits[node.id] ?? 1;
      if (entry.definition.kind === 'step' && entry.definition.effects === 'external') {
        // Commit the entered visit first: a crash during the call then retries the same visit and key (promise 2).
        await save(trx, run.id, state, now);
        return {
          kind: 'external',
          step: {
            runId: run.id,
            seq: state.seq,
            nodeId: node.id,
            visit,
            attempt: state.attempt,
            run: { ...run, vars: state.vars, outputs: state.outputs },
            node,
            entry,
          },
        };
      }
      const args = { ...stepArguments(run, state, node, entry), visit };
      // A node that writes nothing has nothing to undo: skip the savepoint's round trip.
      pending =
        entry.definition.kind === 'step' && entry.definition.effects === 'none'
          ? await executeStep(rt, trx, args)
          : await inSavepoint(trx, state, () => executeStep(rt, trx, args));
    }
    const outcome = pending;
    pending = undefined;
    executed += 1;
    const stop = await applyOutcome(rt, trx, run, graph, state, node, outcome);
    if (stop === 'stop') break;
    if (stop !== 'continue') pending = stop;
  }
  await save(trx, run.id, state, now);
  return { kind: 'done' };
}

/**
 * Records a step's outcome and moves the cursor. Returns 'stop' when the
 * segment must end here (a wait, a scheduled retry, a failure), or the outcome
 * of resuming at once when a wait found its signal already there.
 */
async function applyOutcome(
  rt: Runtime,
  trx: Kysely<DB>,
  run: Run,
  graph: CompiledGraph,
  state: RunState,
  node: CompiledNode,
  outcome: StepOutcome,
): Promise<'stop' | 'continue' | StepOutcome> {
  const visit = state.visits[node.id] ?? 1;
  const finishedAt = rt.clock();
  const base = {
    runId: run.id,
    nodeId: node.id,
    nodeType: node.type,
    visit,
    attempt: state.attempt,
    input: outcome.input,
    startedAt: outcome.startedAt,
    explanation: outcome.explanation,
  };
  if (outcome.kind === 'failed') {
    record(state, { ...base, status: 'failed', port: null, output: null, error: outcome.error, finishedAt });
    state.status = 'failed';
    state.error = { ...outcome.error, message: `Node "${node.id}" (${node.type}) failed: ${outcome.error.message}` };
    return 'stop';
  }
  const result: StepResult = outcome.result;
  switch (result.kind) {
    case 'next': {
      record(state, { ...base, status: 'completed', port: result.port, output: result.output, error: null, finishedAt });
      state.outputs[node.id] = result.output;
      if (result.vars !== undefined) Object.assign(state.vars, result.vars);
      state.cursor = graph.next[node.id]?.[result.port] ?? null;
      state.attempt = 0;
      state.stepCount += 1;
      return 'continue';
    }
    case 'jump': {
      record(state, { ...base, status: 'completed', port: null, output: result.output, error: null, finishedAt });
      state.outputs[node.id] = result.output;
      state.cursor = result.target in graph.nodes ? result.target : null;
      state.attempt = 0;
      state.stepCount += 1;
      return 'continue';
    }
    case 'retry': {
      record(state, { ...base, status: 'failed', port: null, output: null, error: result.error, finishedAt });
      state.attempt += 1;
      state.seq += 1;
      await sendRunJob(rt.boss, trx, { runId: run.id, seq: state.seq, subject: run.subject }, new Date(finishedAt.getTime() + Math.max(0, result.afterMs)));
      return 'stop';
    }
    case 'wait':
      return applyWait(rt, trx, run, state, node, result.wait, { ...base, output: result.output, finishedAt });
  }
}

async function applyWait(
  rt: Runtime,
  trx: Kysely<DB>,
  run: Run,
  state: RunState,
  node: CompiledNode,
  wait: WaitRequest,
  step: Omit<StepRecord, 'status' | 'port' | 'error' | 'finishedAt'> & { readonly finishedAt: Date },
): Promise<'stop' | StepOutcome> {
  record(state, { ...step, status: 'waiting', port: null, error: null, finishedAt: null });
  state.outputs[node.id] = step.output;
  const signalKey = wait.signal?.key ?? null;
  const now = step.finishedAt;
  // Inside a cycle a deadline already past would spin: it pauses a moment instead (wait-deadline.ts).
  // `until` is in the run's time (a test's pretend clock); the queue fires in real time.
  const until = wait.until === undefined ? undefined : waitDeadline(toRealTime(wait.until, run), now, step.visit);
  const row = await insertWait(trx, {
    runId: run.id,
    nodeId: node.id,
    visit: step.visit,
    signalKey,
    resumeAt: until ?? null,
    state: wait.state ?? {},
    now,
  });
  if (signalKey !== null) {
    // Promise 5: a signal that came before this wait was recorded is taken now.
    await lockSignalKey(trx, signalKey);
    const since = wait.signal?.since === 'now' ? now : run.createdAt;
    const early = await consumeSignal(trx, signalKey, since, row.id);
    if (early !== undefined) {
      await claimPendingWait(trx, row.id, now);
      const entry = rt.catalog.get(node.type);
      if (entry === undefined) return 'stop';
      return inSavepoint(trx, state, () =>
        executeStep(rt, trx, {
          ...stepArguments(run, state, node, entry),
          visit: step.visit,
          resume: { resumed: { reason: 'signal', data: early.data }, state: wait.state ?? {} },
        }),
      );
    }
  }
  state.status = 'waiting';
  state.waitId = row.id;
  if (until !== undefined) await sendRunJob(rt.boss, trx, { runId: run.id, timeoutWaitId: row.id, subject: run.subject }, until);
  return 'stop';
}

/** Whether the cursor's node is an outside call already entered (its visit counted, its key fixed). */
function isEnteredExternal(rt: Runtime, graph: CompiledGraph, state: RunState): boolean {
  const node = state.cursor === null ? undefined : graph.nodes[state.cursor];
  const definition = node === undefined ? undefined : rt.catalog.get(node.type)?.definition;
  return state.attempt > 0 && definition?.kind === 'step' && definition.effects === 'external';
}

function stepArguments(run: Run, state: RunState, node: CompiledNode, entry: CatalogEntry<AnyNodeDefinition>) {
  return { node, entry, run: runInfo(run), trigger: run.trigger, vars: { ...state.vars }, outputs: { ...state.outputs }, attempt: Math.max(1, state.attempt) };
}

function runInfo(run: Run): RunInfo {
  return {
    id: run.id,
    workflowId: run.workflowId,
    version: run.version,
    subject: run.subject,
    startedAt: run.createdAt,
    rootRunId: run.rootRunId,
    depth: run.depth,
    test: run.testId !== null,
    clockOffsetMs: run.clockOffsetMs,
  };
}

async function failMissingNode(rt: Runtime, trx: Kysely<DB>, run: Run, state: RunState, node: CompiledNode | undefined, now: Date): Promise<SegmentEnd> {
  state.status = 'failed';
  state.error = {
    code: 'RUN_NODE_TYPE_MISSING',
    kind: 'user',
    message:
      node === undefined
        ? `The run's cursor "${state.cursor}" is not a node of version ${run.version}.`
        : `Node "${node.id}" has type "${node.type}", which is no longer installed; reinstall its pack to let such runs finish.`,
  };
  rt.log.warn('run failed: node type missing', { runId: run.id, nodeId: state.cursor });
  await save(trx, run.id, state, now);
  return { kind: 'done' };
}

/**
 * Runs a step's effects inside a savepoint: if the node throws, its partial
 * writes are undone while the steps before it in this segment stay committed.
 */
async function inSavepoint(trx: Kysely<DB>, state: RunState, body: () => Promise<StepOutcome>): Promise<StepOutcome> {
  await state.savepoint.begin(trx);
  const outcome = await body();
  if (outcome.kind === 'failed' || (outcome.kind === 'result' && outcome.result.kind === 'retry')) await state.savepoint.rollBack(trx);
  return outcome;
}

/** Buffers a step record; a later record of the same visit (a resume, a retry) replaces it but keeps its start. */
function record(state: RunState, step: StepRecord): void {
  const key = `${step.nodeId}#${step.visit}`;
  const earlier = state.steps.get(key);
  state.steps.set(key, earlier === undefined ? step : { ...step, startedAt: earlier.startedAt });
}

async function save(trx: Kysely<DB>, runId: string, state: RunState, now: Date): Promise<void> {
  const steps = [...state.steps.values()];
  state.steps.clear();
  await saveRunProgress(
    trx,
    runId,
    {
      status: state.status,
      vars: state.vars,
      outputs: state.outputs,
      visits: state.visits,
      cursorNode: state.cursor,
      attempt: state.attempt,
      seq: state.seq,
      waitId: state.waitId,
      stepCount: state.stepCount,
      error: state.error,
      now,
    },
    steps,
  );
}
