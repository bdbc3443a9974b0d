/**
 * The pg-boss wiring. Every piece of queued work is a pg-boss job, and every
 * job that continues a run is sent through the transaction that recorded the
 * step before it (`fromKysely(trx)`), so "step + log row + next job" commit
 * together or not at all (promise 1).
 */
import { PgBoss, fromKysely, type Job, type Queue } from 'pg-boss';
import type { Kysely } from 'kysely';
import type { DB } from '../store/database.ts';
import { type SessionTimeouts, sessionTimeoutOptions } from '../store/session-timeouts.ts';

/** Run jobs to work now: a new run's first job, a resume by a signal, the segment after an outside call. */
export const RUN_QUEUE = 'switchboard-run';
/**
 * Run jobs due at a time: a wait's deadline and a retry after its backoff. A queue of their own,
 * with workers of their own, because pg-boss works a queue in the order its jobs were created: in
 * the run queue a timer set a second ago sits behind every new run queued before it, so under load
 * a short wait fired as late as the backlog was long. (And every fetch of the run queue read past
 * the parked deadlines that came before its jobs in that order: 4-24 ms with 100,000 parked.)
 */
export const RUN_TIMER_QUEUE = 'switchboard-run-timer';
/** Both queues whose jobs move runs (and that the stuck-run check reads). */
export const RUN_QUEUES: readonly string[] = [RUN_QUEUE, RUN_TIMER_QUEUE];
/** Where pg-boss moves a run job that failed on every retry; its worker marks the run failed. */
export const RUN_DEAD_LETTER_QUEUE = 'switchboard-run-dead';
export const SCHEDULE_QUEUE = 'switchboard-schedule';
export const MAINTENANCE_QUEUE = 'switchboard-maintenance';

/** What a run job asks for. Every variant is safe to execute twice: a stale one finds nothing to do. */
export type RunJob =
  /** Continue the run from its cursor; `seq` fences out duplicates and superseded jobs. */
  (
    | { readonly runId: string; readonly seq: number }
    /** A wait's deadline came: resume it with reason `timeout` unless something else resumed it first. */
    | { readonly runId: string; readonly timeoutWaitId: string }
    /** A signal already claimed this wait: resume it with the signal's data. */
    | { readonly runId: string; readonly signalWaitId: string; readonly data: Readonly<Record<string, unknown>> }
  ) & {
    /** The run's subject when the sender knows it, so the worker can take the subject lock first. */
    readonly subject?: string | null;
  };

export interface ScheduleJob {
  readonly workflowId: string;
}

export interface QueueOptions {
  readonly connectionString: string;
  /** Schema for pg-boss's own tables. */
  readonly schema: string;
  readonly maxConnections?: number;
  /** pg-boss's sessions get the same timeouts as the engine's: its pool passes `options` to pg. */
  readonly sessionTimeouts?: Partial<SessionTimeouts>;
}

export function createBoss(options: QueueOptions): PgBoss {
  return new PgBoss({
    connectionString: options.connectionString,
    schema: options.schema,
    max: options.maxConnections ?? 4,
    application_name: 'switchboard-queue',
    options: sessionTimeoutOptions(options.sessionTimeouts),
    // Wake workers the moment a job is created instead of after a poll; polling stays as the floor.
    useListenNotify: true,
    // The monitor is what notices a dead worker's jobs (missed heartbeats) and retries them:
    // every 10 s rather than the default minute, so a crash delays runs by seconds.
    monitorIntervalSeconds: 10,
    superviseIntervalSeconds: 10,
    // pg-boss deletes finished jobs in its maintenance, once a day by default: every ten
    // minutes, each of its (unbounded) deletes stays small.
    maintenanceIntervalSeconds: 600,
  });
}

export async function createQueues(boss: PgBoss): Promise<void> {
  // retryLimit covers infrastructure failures (a lost connection, a killed
  // worker's expired job); step-level retries are the executor's, with backoff.
  // A worker killed mid-job stops sending heartbeats (JOB_HEARTBEAT_SECONDS, on every queue);
  // its job is retried, and the retry, being fenced, finds either nothing to do or the step it
  // must redo (promise 1).
  // No `notify`: pg-boss moves a job here inside its own SQL, which raises no NOTIFY, and a notify
  // queue's worker would sleep through its long notify poll. Plain polling finds it within seconds.
  await ensureQueue(boss, RUN_DEAD_LETTER_QUEUE, { retryLimit: 10, retryDelay: 5, retryBackoff: true, retryDelayMax: 300 });
  // ensureQueue also updates a queue made before the dead-letter path (createQueue leaves it as it was).
  // The timer queue keeps every promise of the run queue: the same fenced jobs, retries, heartbeat
  // (ensureQueue gives every queue one) and dead letter (a timer job that dies fails its run).
  // `notify` wakes its workers for a timer already due when sent (a zero wait, a stuck run's
  // repair); later deadlines raise no NOTIFY, the poll finds them.
  for (const queue of RUN_QUEUES) {
    await ensureQueue(boss, queue, {
      notify: true,
      retryLimit: 20,
      retryDelay: 1,
      retryBackoff: true,
      retryDelayMax: 60,
      expireInSeconds: 900,
      deadLetter: RUN_DEAD_LETTER_QUEUE,
    });
  }
  await ensureQueue(boss, SCHEDULE_QUEUE, { notify: true, retryLimit: 5, retryDelay: 5, retryBackoff: true });
  await ensureQueue(boss, MAINTENANCE_QUEUE, { retryLimit: 2 });
}

/**
 * A finished job (completed, failed or cancelled; an outbox delivery, a run
 * segment) is the queue's bookkeeping, not the record of what happened: that
 * is the run's steps (promise 7) and the consumer's own rows. pg-boss keeps it
 * a day, for looking into a recent failure, then deletes it.
 */
export const FINISHED_JOB_RETENTION_SECONDS = 86_400;

/**
 * Every queue's jobs carry a heartbeat. pg-boss touches a job every 5 s while its handler runs,
 * and its monitor (every 10 s, see createBoss) retries a job whose heartbeat is older than
 * this: the jobs of a worker killed mid-job (kill -9, out of memory, a lost host) come back
 * within about 20 s instead of at their expiry, 15 minutes by default. That matters most on a
 * `key_strict_fifo` queue, whose dead job holds back every job of its key (a conversation's
 * outbox) until it is retried. 10 s is the shortest pg-boss accepts.
 */
export const JOB_HEARTBEAT_SECONDS = 10;

/**
 * Creates a queue with the engine's job retention and heartbeat; an existing queue (createQueue
 * leaves it as it was, e.g. one made by an older version) gets the retention, the heartbeat and
 * the dead-letter queue too. Jobs already queued keep the settings they were sent with.
 */
export async function ensureQueue(boss: PgBoss, name: string, options: Omit<Queue, 'name'>): Promise<void> {
  const heartbeatSeconds = options.heartbeatSeconds ?? JOB_HEARTBEAT_SECONDS;
  await boss.createQueue(name, { ...options, heartbeatSeconds, deleteAfterSeconds: FINISHED_JOB_RETENTION_SECONDS });
  await boss.updateQueue(name, {
    deleteAfterSeconds: FINISHED_JOB_RETENTION_SECONDS,
    heartbeatSeconds,
    ...(options.deadLetter === undefined ? {} : { deadLetter: options.deadLetter }),
  });
}

/** Sends run jobs to work now (the run queue) inside the caller's transaction, all in one insert. */
export async function sendRunJobs(boss: PgBoss, trx: Kysely<DB>, jobs: readonly RunJob[]): Promise<void> {
  if (jobs.length === 0) return;
  await boss.insert(
    RUN_QUEUE,
    jobs.map((data) => ({ data })),
    { db: fromKysely(trx) },
  );
}

/** Sends a run job inside the caller's transaction: to the timer queue when it is due at a time or ends a wait (`runJobQueue`). */
export async function sendRunJob(boss: PgBoss, trx: Kysely<DB>, job: RunJob, startAfter?: Date): Promise<void> {
  await boss.send(runJobQueue(job, startAfter), job, { db: fromKysely(trx), ...(startAfter === undefined ? {} : { startAfter }) });
}

/**
 * The queue a run job goes to. A job with a start time (a retry after backoff) and a wait's
 * deadline job (even one sent due, by the stuck-run repair) are timers; the rest are worked now.
 * The run queue's worker handles every shape too: timer jobs an older version left there still run.
 */
export function runJobQueue(job: RunJob, startAfter?: Date): string {
  return startAfter !== undefined || 'timeoutWaitId' in job ? RUN_TIMER_QUEUE : RUN_QUEUE;
}

export type { Job, PgBoss };
