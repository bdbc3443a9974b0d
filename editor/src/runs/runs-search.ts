import type { components } from '../api/schema.d.ts';

export type RunStatus = components['schemas']['Run']['status'];
export const RUN_STATUSES: readonly RunStatus[] = ['running', 'waiting', 'completed', 'failed', 'cancelled'];

/** How far back the list looks; the address keeps the word, the query turns it into `since`. */
export const RUN_PERIODS = ['1h', '24h', '7d', '30d'] as const;
export type RunPeriod = (typeof RUN_PERIODS)[number];
const PERIOD_MS: Readonly<Record<RunPeriod, number>> = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 };

/**
 * What `/runs` keeps in its address, so a reload, a link (the flow editor's "Runs") or the back
 * button reopens the same list: `?flow=<id>&status=failed&period=24h`. Anything else is dropped.
 */
export interface RunsSearch {
  readonly flow?: string;
  readonly status?: RunStatus;
  readonly subject?: string;
  readonly period?: RunPeriod;
}

function isRunStatus(value: unknown): value is RunStatus {
  return typeof value === 'string' && (RUN_STATUSES as readonly string[]).includes(value);
}

function isRunPeriod(value: unknown): value is RunPeriod {
  return typeof value === 'string' && (RUN_PERIODS as readonly string[]).includes(value);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** TanStack Router's validateSearch for `/runs`. */
export function validateRunsSearch(search: Record<string, unknown>): RunsSearch {
  const flow = typeof search['flow'] === 'string' && UUID.test(search['flow']) ? search['flow'] : undefined;
  const subject = typeof search['subject'] === 'string' ? search['subject'].trim().slice(0, 200) : '';
  return {
    ...(flow === undefined ? {} : { flow }),
    ...(isRunStatus(search['status']) ? { status: search['status'] } : {}),
    ...(subject === '' ? {} : { subject }),
    ...(isRunPeriod(search['period']) ? { period: search['period'] } : {}),
  };
}

export interface RunListFilters {
  workflowId?: string;
  status?: RunStatus;
  subject?: string;
  since?: string;
}

/** The `GET /api/runs` query for what the address asks; `now` is when the list was opened, so pages agree. */
export function listFilters(search: RunsSearch, now: number): RunListFilters {
  return {
    ...(search.flow === undefined ? {} : { workflowId: search.flow }),
    ...(search.status === undefined ? {} : { status: search.status }),
    ...(search.subject === undefined ? {} : { subject: search.subject }),
    ...(search.period === undefined ? {} : { since: new Date(now - PERIOD_MS[search.period]).toISOString() }),
  };
}

export function isFiltered(search: RunsSearch): boolean {
  return search.flow !== undefined || search.status !== undefined || search.subject !== undefined || search.period !== undefined;
}
