/**
 * Response schemas shared by the routes, in TypeBox. Registered with `addSchema`,
 * they serialize responses (fast-json-stringify: Dates become ISO strings) and
 * appear in the OpenAPI document under `components.schemas`. Each one is checked
 * against the domain type the handlers return (`SameShape` below), so a field
 * added to `Run` and not here, or an enum value the code can produce and the
 * document does not list, fails the typecheck instead of vanishing from responses.
 */
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import type { ErrorCode, Issue, RecordedError } from '../errors.ts';
import type { RunView, StepView } from '../runtime/describe-runs.ts';
import type { ExplanationText } from './translate-explanation.ts';
import type { Wait } from '../store/waits.ts';
import type { Workflow, WorkflowSummary } from '../store/workflows.ts';
import type { WorkflowVersion } from '../store/versions.ts';
import type { Viewer } from '../store/presence.ts';
import type { SecretInfo } from '../store/secrets.ts';
import type { User } from '../people/people.ts';
import type { AnyNodeDefinition } from '../sdk.ts';
import { DateTime, Nullable, ReadonlyArray, StringEnum } from './schema-types.ts';
import { type PortRule, portRuleSchema } from '../graph/port-rule.ts';

type SchemaName =
  | 'Error'
  | 'Issue'
  | 'Workflow'
  | 'WorkflowDraft'
  | 'WorkflowSummary'
  | 'WorkflowVersion'
  | 'Viewer'
  | 'Run'
  | 'Step'
  | 'Wait'
  | 'NodeType'
  | 'ScopeRoot'
  | 'StartedRun'
  | 'Secret'
  | 'User'
  | 'ApiToken';

/** A reference to a shared schema, for a route's `response`. */
export function ref(name: SchemaName): { $ref: string } {
  return { $ref: `${name}#` };
}

/** A response that is one of the error bodies, described for OpenAPI. */
export function errorResponse(description: string): { description: string; $ref: string } {
  return { description, ...ref('Error') };
}

/**
 * True when each type is assignable to the other: same keys, same optionality,
 * compatible values. `readonly` is ignored, so a domain interface can be compared
 * with the mutable type TypeBox infers.
 */
export type SameShape<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Fails the typecheck unless `T` is `true`; used as `type _ = Assert<SameShape<...>>`. */
export type Assert<T extends true> = T;

const AnyObject = Type.Record(Type.String(), Type.Unknown());

export const IssueSchema = Type.Object(
  {
    path: Type.String({ examples: ['/nodes/2/config/text'] }),
    code: Type.Unsafe<ErrorCode>({ type: 'string' }),
    message: Type.String(),
  },
  { $id: 'Issue', description: 'One located problem: `path` is a JSON Pointer into the submitted document.' },
);

export const ErrorSchema = Type.Object(
  {
    statusCode: Type.Integer(),
    // Not an enum: plugins register codes of their own at start (the inbox's INBOX_*), after this schema is built.
    code: Type.Unsafe<ErrorCode>({ type: 'string', pattern: '^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$', examples: ['WORKFLOW_NOT_FOUND'] }),
    message: Type.String(),
    issues: Type.Optional(Type.Array(Type.Unsafe<Issue>(ref('Issue')))),
  },
  { $id: 'Error', description: 'Every error response has this shape. Codes are listed in engine/ERRORS.md.' },
);

/** A person named on a record: `{ id, name }`. */
const PersonRefSchema = Type.Object({ id: Type.String({ format: 'uuid' }), name: Type.String() });

const workflowProperties = {
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  description: Nullable(Type.String()),
  status: StringEnum(['draft', 'active', 'stopped'], {
    description:
      'draft: never published; active: a published version starts runs; stopped: published once, starts nothing. See `hasUnpublishedChanges` for "published with unpublished changes".',
  }),
  activeVersion: Nullable(Type.Integer(), { description: 'The published version new runs start on; null until first published.' }),
  draft: Type.Unknown({ description: 'The definition document as last saved, keys in the order they were sent.' }),
  createdAt: DateTime,
  updatedAt: DateTime,
  updatedBy: Nullable(PersonRefSchema, {
    description:
      'Who saved the draft last (at `updatedAt`): created, saved, renamed or restored from a version. Null for an API token of no one, a save from before people existed, or a deleted person.',
  }),
  hasUnpublishedChanges: Type.Boolean({
    description:
      'Whether the draft differs from the active version (its name and description aside): true after a save since publishing, false again when a save puts back what is published. Always false for a workflow never published.',
  }),
  archivedAt: Nullable(DateTime, {
    description: 'When the workflow was archived; null while it is not. Archived workflows start no runs and are listed only with `?archived=true`.',
  }),
  revision: Type.Integer({
    minimum: 1,
    description: "The draft's revision, bumped by every save; also the ETag. Send it back as `If-Match` to save only over what you read.",
  }),
};

export const WorkflowSchema = Type.Object(workflowProperties, { $id: 'Workflow' });

export const WorkflowDraftSchema = Type.Object(
  { ...workflowProperties, issues: ReadonlyArray(Type.Unsafe<Issue>(ref('Issue'))) },
  { $id: 'WorkflowDraft', description: 'A workflow and the problems that would block publishing its draft (empty when it can be published).' },
);

const { draft: _draft, ...summaryProperties } = workflowProperties;

export const WorkflowSummarySchema = Type.Object(
  {
    ...summaryProperties,
    runsLast24Hours: Type.Object(
      {
        total: Type.Integer({ minimum: 0, description: 'Runs started in the last 24 hours, counted up to 10,000.' }),
        failed: Type.Integer({ minimum: 0, description: 'Of those, the ones that failed, counted up to 10,000.' }),
        capped: Type.Boolean({ description: 'True when `total` reached 10,000: there were at least that many (show "10,000+").' }),
      },
      { description: 'Runs started in the 24 hours before the request, and the failures among them.' },
    ),
  },
  { $id: 'WorkflowSummary', description: 'A workflow as the list shows it: everything but its draft (GET the workflow for that), with its recent runs.' },
);

const versionInfoProperties = {
  version: Type.Integer(),
  createdAt: DateTime,
  note: Nullable(Type.String({ maxLength: 500 }), { description: 'Why it was published, as the publisher wrote it; null when they gave none.' }),
  publishedBy: Nullable(PersonRefSchema, { description: 'Who published it; null for an API token of no one, or a deleted person.' }),
};

/** A version without its definition: what publishing answers. */
export const VersionInfoSchema = Type.Object(versionInfoProperties);

export const WorkflowVersionSchema = Type.Object(
  { ...versionInfoProperties, definition: Type.Unknown({ description: 'The definition as published; immutable.' }) },
  { $id: 'WorkflowVersion', description: 'A published version; `createdAt` is when it was published.' },
);

export const ViewerSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    since: Type.Unsafe<Date>({
      type: 'string',
      format: 'date-time',
      description: 'When they opened the workflow (their first heartbeat after a gap of more than 30 s).',
    }),
  },
  { $id: 'Viewer', description: 'Someone else with the workflow open in the editor.' },
);

/** A step's or run's recorded failure: `kind` says whose problem it is (docs/ARCHITECTURE.md, Conventions). */
const RecordedErrorSchema = Type.Object({
  code: Type.Unsafe<ErrorCode>({ type: 'string' }),
  kind: StringEnum(['user', 'operational', 'bug']),
  message: Type.String(),
  details: Type.Optional(AnyObject),
});

export const RunSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    workflowId: Type.String({ format: 'uuid' }),
    version: Type.Integer({ description: 'The workflow version this run is pinned to.' }),
    subject: Nullable(Type.String(), { description: 'What the run is about, e.g. conversation:42; runs for one subject are serialized.' }),
    status: StringEnum(['running', 'waiting', 'completed', 'failed', 'cancelled']),
    trigger: Type.Record(Type.String(), Type.Unknown(), { description: 'The data the trigger received.' }),
    vars: AnyObject,
    outputs: Type.Record(Type.String(), Type.Unknown(), { description: "Each node's latest output, by node id." }),
    visits: Type.Record(Type.String(), Type.Integer()),
    cursorNode: Nullable(Type.String()),
    attempt: Type.Integer(),
    seq: Type.Integer(),
    waitId: Nullable(Type.String()),
    stepCount: Type.Integer(),
    parentRunId: Nullable(Type.String(), {
      description: 'The run whose step started this one (core.trigger_workflow, an emitted event); null from outside or through a webhook.',
    }),
    rootRunId: Type.String({ description: "The run started from outside at the head of this run's chain; the run's own id when it is that run." }),
    depth: Type.Integer({
      minimum: 0,
      description: 'Starts between the root and this run: 0 for a run started from outside, at most SWITCHBOARD_MAX_RUN_DEPTH.',
    }),
    eventId: Nullable(Type.String()),
    error: Nullable(RecordedErrorSchema),
    test: Type.Boolean({ description: "A test chat's run (POST /api/workflows/{id}/tests): left out of lists unless asked for, never counted." }),
    testId: Nullable(Type.String({ format: 'uuid' }), { description: 'The test chat it belongs to; null for a real run.' }),
    clockOffsetMs: Type.Integer({ description: "How far the run's clock is ahead of the real one: a test's pretend time. 0 for real runs." }),
    createdAt: DateTime,
    updatedAt: DateTime,
    finishedAt: Nullable(DateTime),
    workflowName: Type.String({ description: "The workflow's current name (archived workflows keep theirs)." }),
    subjectLabel: Nullable(Type.String(), {
      description:
        "What the subject is to a person, from the plugin that owns it: the contact's name (else phone, else email) for conversation:<id>. Null when none knows it.",
    }),
    durationMs: Nullable(Type.Integer({ minimum: 0 }), { description: 'From createdAt to finishedAt; null while the run is in flight.' }),
    atNode: Nullable(Type.String(), {
      description: 'The id of the node the run is at (running, waiting) or stopped at (failed, cancelled); null once completed.',
    }),
  },
  { $id: 'Run' },
);

/** An explanation as a person reads it (translate-explanation.ts): a step's, or the inbox's assignment's. */
export const ExplanationTextSchema = Type.Object({
  code: Type.String({ description: "Stable: the code of the node's summary (e.g. inbox.assign_to's round_robin); clients may key on it." }),
  text: Type.String({ description: 'The summary, in the language asked for (`language`, else Accept-Language) when the node has it.' }),
  rows: ReadonlyArray(
    Type.Object({
      name: Type.String({ description: 'What the row is about, as data: an agent, a condition.' }),
      outcome: StringEnum(['chosen', 'passed', 'info']),
      reason: Type.String({ description: 'Why, in the same language as `text`.' }),
    }),
    { description: 'The candidates or conditions the step weighed: what it chose, what it passed over and why.' },
  ),
});

export const StepSchema = Type.Object(
  {
    id: Type.String(),
    runId: Type.String({ format: 'uuid' }),
    nodeId: Type.String(),
    nodeType: Type.String(),
    visit: Type.Integer(),
    attempt: Type.Integer(),
    status: StringEnum(['completed', 'failed', 'waiting', 'cancelled']),
    port: Nullable(Type.String(), { description: 'The output port the step chose.' }),
    input: Type.Unknown(),
    output: Type.Unknown(),
    error: Nullable(RecordedErrorSchema),
    startedAt: DateTime,
    finishedAt: Nullable(DateTime),
    durationMs: Nullable(Type.Number()),
    retry: Type.Boolean({
      description:
        'This visit was started by a retry of the failed run (POST /api/runs/:id/retry): the visit before it of the same node is the failed attempt, kept as it was recorded.',
    }),
    explanation: Nullable(ExplanationTextSchema, {
      description: "Why the step chose what it chose (the node's `ctx.explain`); null when the node says nothing.",
    }),
  },
  { $id: 'Step' },
);

export const WaitSchema = Type.Object(
  {
    id: Type.String(),
    runId: Type.String({ format: 'uuid' }),
    nodeId: Type.String(),
    visit: Type.Integer(),
    signalKey: Nullable(Type.String()),
    resumeAt: Nullable(DateTime),
    state: AnyObject,
    status: StringEnum(['pending', 'resumed', 'cancelled']),
    createdAt: DateTime,
  },
  { $id: 'Wait' },
);

type StepNodeDefinition = Extract<AnyNodeDefinition, { kind: 'step' }>;
type TriggerNodeDefinition = Extract<AnyNodeDefinition, { kind: 'trigger' }>;

export const NodeTypeSchema = Type.Object(
  {
    type: Type.String({ examples: ['core.business_hours'] }),
    language: Type.String({
      examples: ['es'],
      description:
        "The language tag the texts are in (title, category, description, the config schema's titles, descriptions and x-enumNames, portLabels): the node's best match for the request's `language` or Accept-Language, else its default language. Text its translation lacks is in the default language.",
    }),
    title: Type.String(),
    category: Type.String(),
    description: Type.String(),
    kind: StringEnum(['trigger', 'step']),
    configSchema: Type.Unknown({
      description:
        "JSON Schema of the node's config. Fields carry `title` and `description`; an `enum` may carry `x-enumNames`, a label per value in the same order. " +
        "Editor annotations (checked when the node is registered): `x-picker` (agent, team, tag, field, snippet, workflow, node, timezone, schedule, holidays) picks a string, or an array's strings, from a list; " +
        '`x-template` (true, or `multiline`) marks a Liquid template text; `x-when` (`{ sibling: value | value[] }`) shows a field only while its sibling fields have those values (an unset sibling counts as its default); ' +
        "`x-variable` marks a field naming a run variable the step sets (`true`: it holds the whole output; `{ output: '/answer' }`: that part of it; `{ sibling: 'value' }`: that sibling field's value).",
    }),
    outputSchema: Type.Optional(
      Type.Unknown({
        description:
          "JSON Schema of what the node gives later templates, with `examples` (one sample): a step's output, read as `{{ steps.<node id>.<field> }}`, or a trigger's data, read as `{{ trigger.<field> }}`. " +
          'Properties carry a `description`, in `language` where the node translates it. Absent when the node does not describe its output.',
      }),
    ),
    ports: Type.Unsafe<PortRule>(portRuleSchema),
    summaryFields: Type.Optional(
      Type.Array(Type.String(), {
        description:
          'The config fields the node card sums up in one line, in order (e.g. strategy, teamId, onlyOnline, capacity: "Round robin · Sales · online only · cap 3"); fields unset or hidden by their `x-when` are skipped. Absent: no summary.',
        examples: [['strategy', 'teamId', 'onlyOnline', 'capacity']],
      }),
    ),
    portLabels: Type.Record(Type.String(), Type.String(), {
      description:
        'Labels of fixed ports for their handles, keyed by port name; a port without one shows its name. Ports a rule takes from the config are labelled by the config.',
      examples: [{ open: 'Abierto', closed: 'Cerrado' }],
    }),
    portsFromConfig: Type.Boolean({
      description: 'Whether the ports depend on the config (the rule has a per_item or switch entry); false means `ports` is a plain list of names.',
    }),
    triggerSource: Type.Optional(StringEnum(['event', 'webhook', 'schedule', 'manual'], { description: 'Trigger nodes: how runs start.' })),
    effects: Type.Optional(
      StringEnum(['none', 'database', 'external'], {
        description:
          "Step nodes: none (pure), database (effects run exactly once, in the step's transaction) or external (at least once, with an idempotency key).",
      }),
    ),
    waits: Type.Optional(
      Nullable(Type.Union([Type.Boolean(), Type.Array(Type.String())]), {
        description:
          'Step nodes: true when every visit pauses (a positive time or a signal) before it leaves, the ports it leaves by only after such a pause, false when it never does; null when it depends on the config. The loop guard accepts a cycle only through such a pause.',
      }),
    ),
  },
  { $id: 'NodeType' },
);

export const ScopeRootSchema = Type.Object(
  {
    name: Type.String({ examples: ['contact'], description: 'What templates start with: `contact` in `{{ contact.name }}`.' }),
    language: Type.String({ examples: ['es'], description: "The language tag the texts are in (title, description, the schema's descriptions)." }),
    title: Type.String({ examples: ['Contacto'] }),
    description: Type.String(),
    schema: Type.Unknown({ description: "JSON Schema of the root's value, each property with a `description`, and `examples`." }),
    example: Type.Unknown({ description: "A sample value (the schema's first example) for previews before any run; null when it has none." }),
  },
  { $id: 'ScopeRoot', description: 'One root of the scope every template of a flow may read.' },
);

export const StartedRunSchema = Type.Object(
  {
    runId: Type.String({ format: 'uuid' }),
    started: Type.Boolean({ description: 'False when a run for this subject is in flight and the workflow ignores re-entry; runId is that run.' }),
  },
  { $id: 'StartedRun' },
);

export const SecretSchema = Type.Object(
  {
    name: Type.String({ examples: ['API_TOKEN'], description: 'Read in templates as {{ secrets.API_TOKEN }}.' }),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  { $id: 'Secret', description: 'A stored secret: its name and dates. Its value is never returned.' },
);

const RoleSchema = StringEnum(['admin', 'editor', 'agent', 'viewer'], {
  description:
    'admin: everything (people, tokens, secrets); editor: flows, templates and runs, and reads the inbox; agent: the inbox; viewer: reads flows, runs and the inbox.',
});

export const UserSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    email: Type.String(),
    role: RoleSchema,
    language: Nullable(StringEnum(['en', 'es']), { description: "The person's language for the web app; null: the browser's." }),
    timeZone: Nullable(Type.String(), { description: "An IANA time zone (`Europe/Madrid`) for dates and times; null: the browser's." }),
    status: StringEnum(['invited', 'active', 'deactivated'], { description: 'invited: has not set a password yet.' }),
    createdAt: DateTime,
    lastSignedInAt: Nullable(DateTime),
  },
  { $id: 'User', description: 'A person who signs in. Never carries a password or its hash.' },
);

export const ApiTokenSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    role: RoleSchema,
    user: Nullable(Type.Object({ id: Type.String({ format: 'uuid' }), name: Type.String() }), {
      description: 'Whose token it is: it carries their role. Null for a machine token (made at first start or from SWITCHBOARD_ADMIN_TOKEN), which is admin.',
    }),
    createdAt: DateTime,
    lastUsedAt: Nullable(DateTime, { description: 'Roughly: updated when a process first meets the token, at most every 30 s.' }),
  },
  { $id: 'ApiToken', description: 'An API token, without the token itself (shown only when created).' },
);

/** Every shared schema, in an order where each one's references come first. */
export const sharedSchemas: readonly TSchema[] = [
  IssueSchema,
  ErrorSchema,
  WorkflowSchema,
  WorkflowDraftSchema,
  WorkflowSummarySchema,
  WorkflowVersionSchema,
  ViewerSchema,
  RunSchema,
  StepSchema,
  WaitSchema,
  NodeTypeSchema,
  ScopeRootSchema,
  StartedRunSchema,
  SecretSchema,
  UserSchema,
  ApiTokenSchema,
];

// The drift checks: each schema describes exactly what the code returns.
export type IssueMatches = Assert<SameShape<Static<typeof IssueSchema>, Issue>>;
export type WorkflowMatches = Assert<SameShape<Static<typeof WorkflowSchema>, Workflow>>;
export type WorkflowSummaryMatches = Assert<SameShape<Static<typeof WorkflowSummarySchema>, WorkflowSummary>>;
export type WorkflowVersionMatches = Assert<SameShape<Static<typeof WorkflowVersionSchema>, Omit<WorkflowVersion, 'workflowId' | 'graph'>>>;
export type ViewerMatches = Assert<SameShape<Static<typeof ViewerSchema>, Viewer>>;
export type RecordedErrorMatches = Assert<SameShape<Static<typeof RecordedErrorSchema>, RecordedError>>;
export type RunMatches = Assert<SameShape<Static<typeof RunSchema>, RunView>>;
/** Steps go out with their explanation in the reader's language (translate-explanation.ts). */
export type StepMatches = Assert<SameShape<Static<typeof StepSchema>, Omit<StepView, 'explanation'> & { explanation: ExplanationText | null }>>;
export type WaitMatches = Assert<SameShape<Static<typeof WaitSchema>, Wait>>;
export type UserMatches = Assert<SameShape<Static<typeof UserSchema>, User>>;
export type SecretMatches = Assert<SameShape<Static<typeof SecretSchema>, SecretInfo>>;
export type NodeTypeEffectsMatch = Assert<SameShape<NonNullable<Static<typeof NodeTypeSchema>['effects']>, NonNullable<StepNodeDefinition['effects']>>>;
export type NodeTypeKindMatches = Assert<SameShape<Static<typeof NodeTypeSchema>['kind'], AnyNodeDefinition['kind']>>;
export type NodeTypeTriggerSourceMatches = Assert<
  SameShape<NonNullable<Static<typeof NodeTypeSchema>['triggerSource']>, TriggerNodeDefinition['trigger']['source']>
>;
