/**
 * Why a step chose what it chose, recorded with the step (DESIGN promise 7: every run is
 * explainable). A node calls `ctx.explain({ code, params, rows })`; the codes name texts the
 * node declares in `explanations` (and translates in `translations.<lang>.explanations`), so
 * the API renders the same record in each reader's language.
 *
 * ```ts
 * explanations: { picked: '{agent} was next in the round.', away: 'away' },
 * translations: { es: { title: '…', description: '…', explanations: { picked: 'Le tocaba a {agent}.', away: 'ausente' } } },
 * run: (ctx) => {
 *   ctx.explain({ code: 'picked', params: { agent: 'Ana' }, rows: [{ name: 'Marta', outcome: 'passed', code: 'away' }] });
 *   return ctx.next('next');
 * },
 * ```
 *
 * A text inserts a param with `{name}`; `{name, list}` joins a list of texts in the reader's
 * language ("Ana, Luis and Marta"), `{name, weekday}` names a weekday given as `monday` (or 0
 * to 6, Sunday first), `{name, date}` writes a `YYYY-MM-DD` date; numbers are written as the
 * reader's language writes them.
 */

/** A value a text shows. */
export type ExplanationValue = string | number | boolean | null | readonly string[];

export type ExplanationParams = Readonly<Record<string, ExplanationValue>>;

/** `chosen`: what the step picked; `passed`: what it considered and passed over; `info`: a fact beside them. */
export type ExplanationOutcome = 'chosen' | 'passed' | 'info';

/** One candidate or condition the step weighed. */
export interface ExplanationRow {
  /** What the row is about, as data (an agent's name, a condition's path); not translated. */
  readonly name: string;
  readonly outcome: ExplanationOutcome;
  /** The code of the reason's text in the node's `explanations`. */
  readonly code: string;
  readonly params?: ExplanationParams;
}

export interface Explanation {
  /** Stable: the code of the summary's text in the node's `explanations`; clients may key on it. */
  readonly code: string;
  readonly params?: ExplanationParams;
  /** At most 50. */
  readonly rows?: readonly ExplanationRow[];
}
