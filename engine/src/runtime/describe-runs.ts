import type { Kysely } from 'kysely';
import type { DB } from '../store/database.ts';
import type { Run } from '../store/runs.ts';
import type { Step } from '../store/steps.ts';
import { findWorkflowNames } from '../store/workflows.ts';
import type { NodeDatabase } from '../sdk.ts';
import type { SwitchboardPlugin } from '../plugin.ts';

/** A run as the API shows it: the row, and what a list of runs needs to read it without more requests. */
export interface RunView extends Run {
  readonly workflowName: string;
  /** What the subject is to a person (the inbox: the contact's name for `conversation:<id>`); null when no plugin knows it. */
  readonly subjectLabel: string | null;
  /** From its start to its end; null while it is in flight. */
  readonly durationMs: number | null;
  /** The node it is at (running, waiting) or stopped at (failed, cancelled); null once completed. */
  readonly atNode: string | null;
}

/** A step as the API shows it. */
export interface StepView extends Step {
  /**
   * This visit was started by a retry of the failed run (POST /api/runs/:id/retry): an earlier
   * visit of the same node failed. A failed step ends its run, so only a retry follows one.
   */
  readonly retry: boolean;
}

type SubjectLabels = NonNullable<SwitchboardPlugin['subjectLabels']>;

/** Adds names and timing to a page of runs: one query for the workflows' names, one per plugin that labels subjects. */
export async function describeRuns(db: Kysely<DB>, labellers: readonly SubjectLabels[], runs: readonly Run[]): Promise<RunView[]> {
  const subjects = [...new Set(runs.flatMap((run) => (run.subject === null ? [] : [run.subject])))];
  const [names, ...labelMaps] = await Promise.all([
    findWorkflowNames(db, [...new Set(runs.map((run) => run.workflowId))]),
    ...(subjects.length === 0 ? [] : labellers.map((labels) => labels(db as unknown as NodeDatabase, subjects))),
  ]);
  return runs.map((run) => ({
    ...run,
    workflowName: names.get(run.workflowId) ?? '',
    subjectLabel: run.subject === null ? null : (labelMaps.map((labels) => labels.get(run.subject as string)).find((label) => label !== undefined) ?? null),
    durationMs: run.finishedAt === null ? null : Math.max(0, run.finishedAt.getTime() - run.createdAt.getTime()),
    atNode: run.status === 'completed' ? null : run.cursorNode,
  }));
}

export function describeSteps(steps: readonly Step[]): StepView[] {
  const failed = new Set<string>();
  return steps.map((step) => {
    const retry = failed.has(step.nodeId);
    if (step.status === 'failed') failed.add(step.nodeId);
    return { ...step, retry };
  });
}
