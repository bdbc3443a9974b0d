/**
 * Annotations a config schema may carry for the editor's form, beside `title`,
 * `description`, `default` and `x-enumNames`. They change nothing at run time
 * (the engine validates with ajv, which ignores unknown keywords), only how the
 * editor asks for a value. Each is checked when the node is registered: an
 * unknown picker kind or an `x-when` naming no sibling stops the start with
 * NODE_DEFINITION_INVALID naming the node and the field.
 *
 * ```ts
 * configSchema: Type.Object({
 *   saveAs: Type.Optional(Type.String({ title: 'Save as variable', 'x-variable': true })),
 *   target: Type.Unsafe<'team' | 'agent'>({ type: 'string', enum: ['team', 'agent'], default: 'team' }),
 *   teamId: Type.Optional(Type.String({ title: 'Team', 'x-picker': 'team', 'x-when': { target: 'team' } })),
 *   agentId: Type.Optional(Type.String({ title: 'Agent', 'x-picker': 'agent', 'x-when': { target: 'agent' } })),
 *   tags: Type.Array(Type.String(), { title: 'Tags', 'x-picker': 'tag' }),
 *   text: Type.String({ title: 'Message', 'x-template': 'multiline' }),
 * })
 * ```
 */

/**
 * What an `x-picker` picks from, and the value it writes:
 * - `agent`: an agent's id (`GET /api/inbox/agents`).
 * - `team`: a team's id (`GET /api/inbox/teams`).
 * - `tag`: a tag (`GET /api/inbox/tags`); a new tag may be typed too.
 * - `field`: a contact field key (`GET /api/inbox/contact-fields`), or the standard `name`, `email`, `phone`.
 * - `snippet`: a snippet's shortcut (`GET /api/inbox/snippets`).
 * - `workflow`: a workflow's id (`GET /api/workflows`).
 * - `node`: the id of another node of the same flow (a jump's target).
 * - `timezone`: an IANA time zone name (`Europe/Madrid`).
 * - `schedule`: a list of weekly opening intervals, `[{ day, open, close }]` (as `core.business_hours` has).
 * - `holidays`: a list of closed dates, `[{ date, name? }]`.
 *
 * On a string it picks one value; on an array of strings, several.
 */
export const PICKER_KINDS = ['agent', 'team', 'tag', 'field', 'snippet', 'workflow', 'node', 'timezone', 'schedule', 'holidays'] as const;
export type PickerKind = (typeof PICKER_KINDS)[number];

/** The annotations, as keys of a JSON Schema (TypeBox passes them through: `Type.String({ 'x-picker': 'team' })`). */
export interface SchemaAnnotations {
  /** Pick the value from a list of this kind instead of typing it (see `PickerKind`). */
  readonly 'x-picker'?: PickerKind;
  /**
   * The value is a Liquid template people write (`Hola {{ contact.firstName }}`): the editor
   * offers `{{ }}` autocomplete over what the step can read and a preview over sample data.
   * `'multiline'` for message-like texts. The engine renders every string of a step's config
   * either way; this marks the fields meant for writing. On a schema of any JSON value (no
   * `type`, like an HTTP body), the texts inside it are the templates.
   */
  readonly 'x-template'?: true | 'multiline';
  /**
   * Show the field only while sibling fields (properties of the same object) have one of these
   * values: `{ target: 'team' }`, `{ method: ['POST', 'PUT'] }`. Several keys must all hold. A
   * sibling left unset counts as its schema `default`. A hidden field keeps its value; the
   * node's own `validate` decides whether it is needed.
   */
  readonly 'x-when'?: Readonly<Record<string, unknown>>;
  /**
   * The field's value names a run variable the step sets, read later as `vars.<name>`, so the
   * editor offers `vars.<name>` to the templates after it: `true` when the variable holds the
   * step's whole output (`saveAs` of an HTTP request), `{ output: '/answer' }` when it holds
   * that part of the output (a JSON Pointer into it), `{ sibling: 'value' }` when it holds a
   * sibling field's value (a Set variable assignment).
   */
  readonly 'x-variable'?: true | { readonly output: string } | { readonly sibling: string };
  /** Labels of an `enum`'s values, one per value in the same order. */
  readonly 'x-enumNames'?: readonly string[];
}
