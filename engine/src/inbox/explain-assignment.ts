/**
 * What `inbox.assign_to` says about its decision (the SDK's `Explanation`): the candidates the
 * pick considered, the one it claimed and by which rule, and for each one passed over why.
 * Built from the facts the pick read in its own transaction (findAssignmentCandidates) and
 * from what each conditional claim did, so it tells what the statements did, not a guess.
 * The texts are the node's (nodes/inbox/assign-to.ts); these are their codes.
 */
import type { Explanation, ExplanationRow } from '@switchboard/engine/sdk';
import type { AssignmentCandidate, AssignmentCriteria } from '../store/inbox/assignments.ts';

/** Rows beyond which the rest is summed up in one row: a table a person reads. */
const MAX_ROWS = 25;

export type PickRule = 'round_robin' | 'least_open' | 'sticky' | 'named_agent';

/** Why a candidate could not take the conversation, or undefined when it could. */
export function ineligibility(candidate: AssignmentCandidate, criteria: AssignmentCriteria): ExplanationRow | undefined {
  const { name } = candidate;
  if (!candidate.inTarget) return { name, outcome: 'passed', code: criteria.target.kind === 'team' ? 'not_in_team' : 'not_the_agent' };
  if (criteria.onlyOnline && candidate.status !== 'online') return { name, outcome: 'passed', code: candidate.status === 'away' ? 'away' : 'offline' };
  if (candidate.openCount >= candidate.capacity) {
    return { name, outcome: 'passed', code: 'at_capacity', params: { open: candidate.openCount, capacity: candidate.capacity } };
  }
  if (criteria.capacityLimit !== null && candidate.openCount >= criteria.capacityLimit) {
    return { name, outcome: 'passed', code: 'at_step_limit', params: { open: candidate.openCount, limit: criteria.capacityLimit } };
  }
  return undefined;
}

/**
 * The explanation of a pick that claimed `winner` by `rule`: `lost` are eligible candidates
 * whose claim matched nothing (a concurrent assignment filled them, or they left, a moment
 * before); eligible ones never tried were not next (round robin) or busier (least open).
 */
export function explainPick(input: {
  readonly candidates: readonly AssignmentCandidate[];
  readonly criteria: AssignmentCriteria;
  readonly winner: { readonly id: string; readonly name: string; readonly openCount: number };
  readonly rule: PickRule;
  readonly lost: ReadonlySet<string>;
  readonly currentAssigneeId: string | null;
}): Explanation {
  const { winner, rule, criteria } = input;
  // The open count before this claim took one more.
  const open = Math.max(0, winner.openCount - 1);
  const chosen: ExplanationRow = {
    name: winner.name,
    outcome: 'chosen',
    code: rule === 'round_robin' ? 'next_in_round' : rule === 'least_open' ? 'least_busy' : rule === 'sticky' ? 'had_it_last' : 'the_named_agent',
    ...(rule === 'least_open' ? { params: { open } } : {}),
  };
  const others = input.candidates
    .filter((candidate) => candidate.id !== winner.id)
    .map((candidate): ExplanationRow => {
      if (candidate.id === input.currentAssigneeId) {
        const why = ineligibility(candidate, { ...criteria, capacityLimit: null });
        return why ?? { name: candidate.name, outcome: 'passed', code: 'current_assignee' };
      }
      const why = ineligibility(candidate, criteria);
      if (why !== undefined) return why;
      if (input.lost.has(candidate.id)) return { name: candidate.name, outcome: 'passed', code: 'claim_lost' };
      if (rule === 'least_open') return { name: candidate.name, outcome: 'passed', code: 'busier', params: { open: candidate.openCount } };
      return { name: candidate.name, outcome: 'passed', code: 'not_next' };
    });
  const params = { agent: winner.name, ...(rule === 'least_open' ? { open } : {}) };
  return { code: rule, params, rows: bounded([chosen, ...others]) };
}

/** Why nobody could be claimed: the summary says what stopped everyone, the rows who was passed over for what. */
export function explainNobody(input: {
  readonly candidates: readonly AssignmentCandidate[];
  readonly criteria: AssignmentCriteria;
  readonly lost: ReadonlySet<string>;
  readonly queued: boolean;
}): Explanation {
  const rows = input.candidates.map(
    (candidate) =>
      ineligibility(candidate, input.criteria) ?? {
        name: candidate.name,
        outcome: 'passed' as const,
        code: input.lost.has(candidate.id) ? 'claim_lost' : 'current_assignee',
      },
  );
  const inTarget = input.candidates.filter((candidate) => candidate.inTarget);
  const codes = new Set(rows.filter((_row, index) => input.candidates[index]?.inTarget).map((row) => row.code));
  const why =
    inTarget.length === 0
      ? 'no_agents'
      : [...codes].every((code) => code === 'away' || code === 'offline')
        ? 'nobody_online'
        : [...codes].every((code) => code === 'at_capacity' || code === 'at_step_limit')
          ? 'everyone_full'
          : 'nobody_eligible';
  return { code: `${input.queued ? 'queued' : 'unavailable'}_${why}`, rows: bounded(rows) };
}

/** Keeps the first rows (the chosen one comes first) and sums up the rest. */
function bounded(rows: readonly ExplanationRow[]): ExplanationRow[] {
  if (rows.length <= MAX_ROWS) return [...rows];
  const kept = rows.slice(0, MAX_ROWS - 1);
  return [...kept, { name: '…', outcome: 'info', code: 'more_agents', params: { count: rows.length - kept.length } }];
}
