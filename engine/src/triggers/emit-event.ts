import type { Kysely } from 'kysely';
import type { DB } from '../store/database.ts';
import type { EmittedEvent, TriggerEvent } from '../sdk.ts';
import { eventSignalKey } from '../sdk.ts';
import { findEventByKey, insertEvent } from '../store/events.ts';
import type { ActiveTrigger } from '../store/triggers.ts';
import { markTestRuns } from '../store/tests.ts';
import { SwitchboardError } from '../errors.ts';
import { loadGraph } from '../runtime/load-graph.ts';
import { type StartRunInput, startRunsWithoutJobs } from '../runtime/start-run.ts';
import { runningSegment, takeFirstSegments } from '../runtime/advance-run.ts';
import { sendRunJobs } from '../runtime/queue.ts';
import { lockSubject } from '../store/subject-lock.ts';
import { connectionOf } from '../store/prepared-statements.ts';
import { deliverSignal } from '../runtime/resume-wait.ts';
import type { Runtime } from '../runtime/runtime.ts';
import type { RunChain } from '../runtime/run-chain.ts';
import { checkPayloadSize } from '../runtime/check-payload-size.ts';

export interface EmitResult {
  readonly eventId: string;
  /** Runs this event started (for a repeated idempotency key: the runs the first delivery started). */
  readonly runIds: readonly string[];
  readonly duplicate: boolean;
}

/**
 * Events in: records the event, starts a run of every published workflow whose
 * trigger matches, and resumes waits on this event for its subject, all in the
 * caller's transaction. A repeated idempotency key starts nothing new.
 * `chain` is set when a run's step emits: the runs it starts are one deeper in
 * that run's chain, and a start past the bounds fails the emit (and its step).
 */
export async function emitEvent(rt: Runtime, trx: Kysely<DB>, event: EmittedEvent, chain: RunChain | null = null): Promise<EmitResult> {
  const subject = event.subject ?? null;
  const data = event.data ?? {};
  checkPayloadSize(data, `Event data of ${event.type}`);
  const idempotencyKey = event.idempotencyKey ?? null;
  const segment = runningSegment();
  // An event from outside takes its subject's lock first, then its signal key's with its insert:
  // a round trip fewer, in the order a segment takes them. One a segment's step emits holds
  // that segment's subject, and may not take another's before a signal key (lock order); its
  // signal key is locked when its signal is delivered, after the runs start.
  const signalKey = subject === null ? undefined : eventSignalKey(event.type, subject);
  const keyLocked = segment === undefined && signalKey !== undefined;
  if (keyLocked && subject !== null) await lockSubject(trx, subject);
  // Which connection the caller's transaction is on: a running segment takes as followers only runs started in its own.
  const { value: recorded, connection } = await connectionOf(() =>
    insertEvent(trx, { type: event.type, subject, idempotencyKey, data, now: rt.clock(), ...(keyLocked ? { lockSignalKey: signalKey } : {}) }),
  );
  if (recorded === undefined) {
    const first = idempotencyKey === null ? undefined : await findEventByKey(trx, idempotencyKey);
    if (first === undefined) throw new SwitchboardError('INTERNAL', `Event with idempotency key "${idempotencyKey}" conflicted but cannot be found.`);
    return { eventId: first.id, runIds: first.runIds, duplicate: true };
  }
  const triggerEvent: TriggerEvent = { type: event.type, subject, data };
  const starts: StartRunInput[] = [];
  // A test conversation's events start its test's version and nothing else; test versions have
  // no trigger rows, so a real subject's events never start one (docs/ARCHITECTURE.md "Test chat").
  const { event: stored, starts: found } = recorded;
  const { test } = found;
  const triggers: readonly ActiveTrigger[] =
    found.test === undefined ? found.triggers : [{ workflowId: found.test.workflowId, version: found.test.version, source: 'event', eventType: event.type }];
  for (const trigger of triggers) {
    const graph = await loadGraph(rt, trx, trigger.workflowId, trigger.version);
    const node = graph.nodes[graph.triggerId];
    const entry = node === undefined ? undefined : rt.catalog.get(node.type);
    if (node === undefined || entry?.definition.kind !== 'trigger' || entry.definition.trigger.source !== 'event') continue;
    // Trigger rows are per event type; a test's version is checked here instead.
    if (test !== undefined && !entry.definition.trigger.eventTypes(node.config).includes(event.type)) continue;
    const { matches } = entry.definition.trigger;
    if (matches !== undefined && !matches(node.config, triggerEvent, { workflowId: trigger.workflowId })) continue;
    starts.push({
      workflowId: trigger.workflowId,
      version: trigger.version,
      graph,
      subject,
      trigger: { type: event.type, subject, data },
      eventId: stored.id,
      chain,
    });
  }
  // All the runs this event starts, in a fixed number of statements however many workflows it triggers.
  const { results, jobs } = await startRunsWithoutJobs(rt, trx, starts);
  const runIds = results.flatMap((result) => (result.started ? [result.runId] : []));
  if (test !== undefined) await markTestRuns(trx, runIds, test);
  // An event from outside takes its runs' first steps here (its subject is locked); one that a
  // running segment's step emits leaves them to their jobs, or to follow that segment
  // (advance-run.ts, RunningSegment).
  const firstSegmentsHere = segment === undefined && chain === null && rt.firstSegmentInStartingTransaction && jobs.length > 0;
  // Before the segments: a wait they record finds this event kept, as it would from their jobs.
  if (signalKey !== undefined) await deliverSignal(rt, trx, { key: signalKey, subject, data: { type: event.type, ...data } }, { keyLocked });
  if (firstSegmentsHere) await takeFirstSegments(rt, trx, jobs);
  else if (segment === undefined || jobs.length === 0 || !segment.follow(subject, connection, jobs)) await sendRunJobs(rt.boss, trx, jobs);
  return { eventId: stored.id, runIds, duplicate: false };
}
