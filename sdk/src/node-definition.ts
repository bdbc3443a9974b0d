/**
 * The public node SDK: the one way to define a node. Built-in packs
 * (nodes/core, nodes/inbox) use exactly what a third-party node uses.
 *
 * ```ts
 * import { defineNode, Type } from '@switchboard/sdk';
 *
 * export const shout = defineNode({
 *   type: 'acme.shout',
 *   title: 'Shout',
 *   category: 'Utilities',
 *   description: 'Upper-cases a text into a variable.',
 *   kind: 'step',
 *   configSchema: Type.Object({ text: Type.String(), variable: Type.String() }),
 *   ports: ['next'],
 *   // The texts above are English; other languages go here (see NodeTranslation).
 *   translations: { es: { title: 'Gritar', category: 'Utilidades', description: 'Pasa un texto a mayúsculas en una variable.' } },
 *   run: (ctx) => ctx.next('next', { loud: ctx.config.text.toUpperCase() }, { [ctx.config.variable]: ctx.config.text.toUpperCase() }),
 * });
 * ```
 */
import type { Static, TSchema } from '@sinclair/typebox';
// Types only: a node's database handle is a Kysely, and kysely has no dependencies of its own.
import type { Kysely } from 'kysely';
import type { Explanation } from './node-explanation.ts';
import type { ConfigFieldTranslation, NodeTranslation } from './node-translation.ts';
import type { ErrorCode, ErrorKind } from './switchboard-error.ts';

/** A plain JSON Schema object, for node authors who don't use TypeBox. */
export type JsonSchemaObject = Readonly<Record<string, unknown>>;

/** The config type a schema describes: TypeBox schemas are inferred, plain ones are records. */
export type ConfigOf<S> = S extends TSchema ? Static<S> : Readonly<Record<string, unknown>>;

/** A database handle. Steps get the step's transaction; use `db.withTables<YourTables>()` to type it. */
// The engine's own tables are private, so the SDK exposes a Kysely with no tables known.
// biome-ignore lint/complexity/noBannedTypes: `{}` is Kysely's own spelling of "no tables known"; `withTables<T>()` widens it.
export type NodeDatabase = Kysely<{}>;

export interface NodeLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** What a run knows about itself. */
export interface RunInfo {
  readonly id: string;
  readonly workflowId: string;
  readonly version: number;
  /** What the run is about, e.g. `conversation:42`. Work for one subject is serialized (promise 3). */
  readonly subject: string | null;
  readonly startedAt: Date;
  /**
   * The run at the head of this run's chain: the one started from outside (an API event, a
   * webhook, a schedule, a person) whose runs started the runs that led to this one. This
   * run's own id when nothing started it but the outside.
   */
  readonly rootRunId: string;
  /**
   * How many starts lie between the root and this run: 0 for a run started from outside,
   * its starter's depth + 1 for a run started by `core.trigger_workflow`, an event a run
   * emitted, or a run calling a webhook. A run at the engine's bound cannot start more.
   */
  readonly depth: number;
  /**
   * Whether this is a test chat's run (a pretend customer talking to a draft). Its messages
   * reach nobody, and it is left out of reports; most nodes need not look at it.
   */
  readonly test: boolean;
  /**
   * How far this run's clock is ahead of the real one, in milliseconds: a test chat's
   * "pretend the time is". 0 for real runs. `ctx.now` already includes it; use `ctx.now`
   * (never `new Date()`) and a node keeps to a test's pretend time for free. A wait's `until`
   * is read in the same run time (`ctx.now` + 10 minutes waits ten real minutes).
   */
  readonly clockOffsetMs: number;
}

/** An event to emit into the engine: it may start runs of published workflows. */
export interface EmittedEvent {
  readonly type: string;
  readonly subject?: string | null;
  readonly data?: Readonly<Record<string, unknown>>;
  /** A repeated key starts nothing new. */
  readonly idempotencyKey?: string;
}

/** How a waiting step is woken. */
export interface WaitRequest {
  /** Resume with reason `timeout` at this time. At least one of `until` and `signal` is required. */
  readonly until?: Date;
  /**
   * Resume with reason `signal` when a signal with this key arrives (see `ctx.signal`
   * and the engine's `signal()`). `since: 'run'` also accepts a signal that arrived
   * after the run started but before this wait was recorded (promise 5); `'now'`
   * only accepts later ones, as a question's answer must be.
   */
  readonly signal?: { readonly key: string; readonly since?: 'run' | 'now' };
  /** Private state handed back to `resume`. */
  readonly state?: Readonly<Record<string, unknown>>;
}

export type StepResult =
  | {
      readonly kind: 'next';
      readonly port: string;
      readonly output: unknown;
      /** Run variables to set; later steps read them as `vars.<name>`. */
      readonly vars?: Readonly<Record<string, unknown>>;
    }
  | { readonly kind: 'jump'; readonly target: string; readonly output: unknown }
  | { readonly kind: 'wait'; readonly wait: WaitRequest; readonly output: unknown }
  | { readonly kind: 'retry'; readonly afterMs: number; readonly error: NodeFailure };

/** Why a retry is needed; recorded on the step. */
export interface NodeFailure {
  readonly code: ErrorCode;
  readonly kind: ErrorKind;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/**
 * The engine's secrets, stored encrypted (README "Secrets"). A config reads them
 * as `{{ secrets.NAME }}`; a node's own code asks for one here.
 */
export interface NodeSecrets {
  /**
   * The value of the secret `name` (`API_TOKEN`). Rejects with SECRET_NOT_FOUND
   * when there is none (the step fails, clearly). The value is scrubbed from
   * everything the step records: its output, vars, wait state, error and log
   * lines show `[secret:API_TOKEN]` wherever the value would be.
   *
   * @example const token = await ctx.secrets.get('CRM_TOKEN');
   */
  get(name: string): Promise<string>;
}

export interface StepContext<Config> {
  /** The node's config, with every `{{ template }}` string rendered over `scope`. */
  readonly config: Config;
  readonly node: { readonly id: string; readonly type: string; readonly name: string | undefined };
  readonly run: RunInfo;
  /** The data the trigger received (event data, webhook body, manual input). */
  readonly trigger: Readonly<Record<string, unknown>>;
  /** Run variables. */
  readonly vars: Readonly<Record<string, unknown>>;
  /**
   * Everything templates and conditions can read: `trigger`, `vars`, `run`, `steps`, and context providers' values.
   * Not secrets: templates get the ones they name, and code asks `secrets.get`.
   */
  readonly scope: Readonly<Record<string, unknown>>;
  /** How many times this node has been entered in this run, from 1. */
  readonly visit: number;
  /** Attempt of this visit, from 1; grows when the step asked for a retry. */
  readonly attempt: number;
  /** Stable across retries and crashes of one visit: `run:node:visit` (promise 2). */
  readonly idempotencyKey: string;
  /**
   * The step's transaction: effects written here commit together with the step's
   * record and the scheduling of what comes next (promise 1). For nodes marked
   * `effects: 'external'` this is a plain connection outside any transaction.
   */
  readonly db: NodeDatabase;
  readonly now: Date;
  readonly log: NodeLogger;
  /** Aborted when the step passes its deadline (`timeoutMs`) or the process is shutting down. */
  readonly abortSignal: AbortSignal;
  /**
   * `fetch`, under the engine's egress policy (README "Outbound HTTP"): only
   * public addresses and those the operator allows (`SWITCHBOARD_EGRESS_ALLOW`)
   * are reached, checked on the address connected to, after DNS, on every
   * redirect. Use it for every call out of a node. Redirects are followed as
   * fetch does (at most 20; a 303, or a 301/302 after POST, becomes a GET;
   * credentials are dropped when leaving the origin) unless `init.redirect`
   * says `manual` or `error`.
   *
   * A destination that is refused, does not resolve, refuses the connection
   * or does not connect in time rejects with a SwitchboardError
   * `HTTP_DESTINATION_UNREACHABLE` (operational), one text for all of these
   * so a flow cannot probe what is there; the operator's log has the reason.
   * Other failures reject as fetch does. Pass `signal` (e.g.
   * `AbortSignal.any([AbortSignal.timeout(ms), ctx.abortSignal])`).
   *
   * @example const response = await ctx.fetch('https://crm.example.com/leads', { method: 'POST', body, signal: ctx.abortSignal });
   */
  fetch(url: string | URL, init?: RequestInit): Promise<Response>;
  /** Secrets for the node's own code; values it gets are never recorded (see `NodeSecrets`). */
  readonly secrets: NodeSecrets;

  next(port: string, output?: unknown, vars?: Readonly<Record<string, unknown>>): StepResult;
  jump(target: string, output?: unknown): StepResult;
  wait(request: WaitRequest, output?: unknown): StepResult;
  retry(afterMs: number, error: NodeFailure): StepResult;
  /**
   * Records why the step chose what it chose: a summary and the candidates or conditions it
   * weighed, each with a code of the node's `explanations` (see `Explanation`). Stored with the
   * step and shown on the API in the reader's language. A later call replaces an earlier one;
   * a resumed wait explains itself anew. A code the node does not declare, a param its text
   * needs and lacks, or more than 50 rows fail the step (a bug of the node's).
   *
   * @example ctx.explain({ code: 'matched', params: { branch: 'vip' }, rows: [{ name: 'contact.tags', outcome: 'chosen', code: 'contains', params: { value: 'vip' } }] });
   */
  explain(explanation: Explanation): void;
  /**
   * Emits an event in this step's transaction; runs it starts begin once the step commits.
   * Not available to `effects: 'external'` nodes (see `effects`).
   */
  emit(event: EmittedEvent): Promise<{ readonly runIds: readonly string[] }>;
  /** Starts a run of another published workflow in this step's transaction. Not available to `effects: 'external'` nodes. */
  startWorkflow(workflowId: string, input: Readonly<Record<string, unknown>>, subject?: string | null): Promise<{ readonly runId: string }>;
}

export interface ResumeContext<Config> extends StepContext<Config> {
  readonly resumed: { readonly reason: 'timeout' } | { readonly reason: 'signal'; readonly data: Readonly<Record<string, unknown>> };
  /** The `state` the wait request carried. */
  readonly state: Readonly<Record<string, unknown>>;
}

/** An incoming event, as trigger matching sees it. */
export interface TriggerEvent {
  readonly type: string;
  readonly subject: string | null;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface WebhookRequest {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly rawBody: string;
  readonly body: unknown;
}

export type TriggerSpec<Config> =
  | {
      readonly source: 'event';
      /** Event types this trigger listens to; indexed when the workflow is published. */
      readonly eventTypes: (config: Config) => readonly string[];
      /**
       * Extra filtering after the type matched (conditions on the event data).
       * `workflow` is the workflow this trigger belongs to, for events aimed at
       * one workflow (e.g. an agent running a flow by hand).
       */
      readonly matches?: (config: Config, event: TriggerEvent, workflow: { readonly workflowId: string }) => boolean;
    }
  | {
      readonly source: 'webhook';
      /**
       * Throw a SwitchboardError (e.g. WEBHOOK_SIGNATURE_INVALID) to refuse the request. `config`
       * comes with its `{{ secrets.NAME }}` references replaced by the secrets' values.
       */
      readonly verify?: (config: Config, request: WebhookRequest) => void;
      /** Optional subject for the run, from the request. */
      readonly subject?: (config: Config, request: WebhookRequest) => string | null;
    }
  | {
      readonly source: 'schedule';
      readonly cron: (config: Config) => { readonly expression: string; readonly timezone: string };
    }
  | { readonly source: 'manual' };

/** An extra problem found in a config beyond its schema; `path` is relative to the config. */
export interface ConfigIssue {
  readonly path: string;
  readonly message: string;
}

import type { PortRule } from './port-rule.ts';

/** What `checkReferences` gets: a read-only look at the database the workflow would run against. */
export interface ReferenceCheckContext {
  /** Read with it (`db.withTables<YourTables>()`); the engine may run the check inside a publish's transaction. */
  readonly db: NodeDatabase;
}

interface NodeDefinitionBase<S> {
  /** `pack.snake_name`, e.g. `core.business_hours`. Unique across all installed packs. */
  readonly type: string;
  /** The node's name in the palette and on its card, in `language`. */
  readonly title: string;
  /** The palette group, in `language`. */
  readonly category: string;
  readonly description: string;
  /**
   * The language tag (BCP 47, canonical case: `en`, `es`, `pt-BR`) of the
   * default text: `title`, `category`, `description`, the config schema's
   * `title`s, `description`s and `x-enumNames`, and `portLabels`. Defaults to `en`.
   */
  readonly language?: string;
  /**
   * The node's texts in other languages, keyed by language tag; see
   * `NodeTranslation`. A node with none is shown in its default text whatever
   * the person's language.
   *
   * @example translations: { es: { title: 'Gritar', description: 'Pasa un texto a mayúsculas.' } }
   */
  readonly translations?: Readonly<Record<string, NodeTranslation>>;
  /**
   * The texts of the codes the node explains its choices with (`ctx.explain`), in `language`,
   * keyed by code: `{param}` inserts a param, `{param, list}`, `{param, weekday}` and
   * `{param, date}` format one (see `Explanation`). Translate them in
   * `translations.<lang>.explanations`; checked at registration.
   *
   * @example explanations: { matched: 'Took {branch}: its conditions held.', contains: 'contains {value}' }
   */
  readonly explanations?: Readonly<Record<string, string>>;
  /**
   * JSON Schema of the config; TypeBox schemas give `run` a typed config. The
   * editor labels a field with its `title` and explains it with its
   * `description`; an `enum` may carry `x-enumNames`, one label per value in
   * the same order (`{ enum: ['round_robin', 'least_open'], 'x-enumNames': ['Round robin', 'Fewest open conversations'] }`).
   *
   * More annotations shape the form (see `SchemaAnnotations`, checked at registration):
   * `x-picker` picks an id from a list (`'agent'`, `'team'`, `'tag'`, `'field'`, `'snippet'`,
   * `'workflow'`, `'node'`, `'timezone'`, `'schedule'`, `'holidays'`; on an array of strings, several);
   * `x-template: true` (or `'multiline'` for message-like texts) marks a text people write as a
   * Liquid template, with `{{ }}` autocomplete and a preview; `x-when: { target: 'team' }` shows a
   * field only while a sibling field has that value (or one of a list); `x-variable` marks a field
   * naming a run variable the step sets, so later templates are offered `vars.<name>`.
   *
   * @example teamId: Type.Optional(Type.String({ title: 'Team', 'x-picker': 'team', 'x-when': { target: 'team' } }))
   */
  readonly configSchema: S;
  /**
   * The config fields the editor's node card sums up in one line, in order, e.g.
   * `['strategy', 'teamId', 'onlyOnline', 'capacity']` reads "Round robin · Sales · online
   * only · cap 3". Each names a property of `configSchema`; fields the config leaves unset or
   * hides (`x-when`) are skipped. Omitted: the card shows no summary.
   */
  readonly summaryFields?: readonly string[];
  /**
   * JSON Schema of what the node gives later templates and conditions: a step's output, read
   * as `{{ steps.<node id>.agent.name }}`, or a trigger's data, read as `{{ trigger.data.text }}`.
   * The editor offers its properties in `{{ }}` autocomplete and renders a template's preview
   * over `examples[0]` before the flow ever ran, so give one realistic sample. Describe each
   * property (`description`), and every port's output in one object (a property only some
   * ports give says so). Checked at registration: it compiles, and each example passes it;
   * `runNodeStep` in `@switchboard/engine/testing` checks a step's output against it too.
   * Translate its texts with `translations.<lang>.output`.
   *
   * @example outputSchema: { type: 'object', properties: { loud: { type: 'string', description: 'The text in capitals.' } }, examples: [{ loud: 'HOLA' }] }
   */
  readonly outputSchema?: TSchema | JsonSchemaObject;
  /**
   * Output ports as data, so the editor computes them as publishing does: fixed
   * names (`['open', 'closed']`), one per item of a config array
   * (`{ kind: 'per_item', items: '/branches', name: '/id' }`), or chosen by a
   * config value (`{ kind: 'switch', on: '/mode', cases: { duration: ['next'] }, default: ['received', 'timeout'] }`).
   */
  readonly ports: PortRule;
  /**
   * Labels of fixed port names (those the rule lists as text, in a `switch`
   * too) for the editor's handles, in `language`. A port without one shows its
   * name; ports named by the config (`per_item`) are labelled by the config.
   *
   * @example portLabels: { open: 'Open', closed: 'Closed' }
   */
  readonly portLabels?: Readonly<Record<string, string>>;
  /** Semantic checks a schema cannot express (a valid timezone, a parsable cron). */
  readonly validate?: (config: ConfigOf<S>) => readonly ConfigIssue[];
  /**
   * Checks that what the config names exists (a team, an agent, a contact
   * field): runs when a workflow is published or validated, never while it
   * runs. Return an issue per missing thing, `path` relative to the config
   * (`/teamId`); the engine prefixes the node's pointer. Skip values that are
   * templates: they are only known at run time.
   */
  readonly checkReferences?: (config: ConfigOf<S>, context: ReferenceCheckContext) => Promise<readonly ConfigIssue[]>;
}

export interface TriggerNodeDefinition<S> extends NodeDefinitionBase<S> {
  readonly kind: 'trigger';
  readonly trigger: TriggerSpec<ConfigOf<S>>;
}

export interface StepNodeDefinition<S> extends NodeDefinitionBase<S> {
  readonly kind: 'step';
  /**
   * `database` (default): runs inside the step's transaction, exactly once.
   * `none`: only reads and decides (a branch, a variable); it runs in the
   * transaction too, without the savepoint that lets a failing writer be undone.
   * `external`: talks to the outside world; runs outside any transaction, at
   * least once, with `ctx.idempotencyKey` to let the far side deduplicate. It
   * cannot call `ctx.emit` or `ctx.startWorkflow` (they fail with
   * STEP_EFFECT_NOT_ALLOWED): with no transaction to commit them in, a retry
   * would emit again. Return what the call found and emit from a following
   * step with `effects: 'database'`, where it commits exactly once.
   */
  readonly effects?: 'none' | 'database' | 'external';
  /**
   * The step's deadline in ms. Past it, `ctx.abortSignal` fires, the step is
   * abandoned and fails with STEP_TIMEOUT (operational: retried with backoff,
   * then failed), and its `ctx.db` refuses further queries. A workflow may set
   * `timeoutMs` on one node to override it. Defaults to 30 s; 100 ms to 10 minutes.
   *
   * @example timeoutMs: 120_000 // a node that waits for a slow upstream
   */
  readonly timeoutMs?: number;
  /**
   * Whether a visit of this node is sure to pause before it leaves, for a positive time or until
   * a signal: the loop guard accepts a cycle only through such a pause (or a bounded jump). A
   * wait that can be zero is no wait: a 0 s duration, or a duration that a template decides at
   * run time. `true`: before every port. A list of ports: only before leaving by those, for a
   * node that may also leave at once (`['timeout']` when `assigned` can come without waiting).
   * A function gets the config as written: schema defaults filled in, templates not rendered.
   * Defaults to false.
   *
   * @example waits: (config) => config.mode === 'event' || config.amount > 0
   */
  readonly waits?: boolean | readonly string[] | ((config: ConfigOf<S>) => boolean | readonly string[]);
  /** For jump nodes: the node it jumps to and its iteration cap (the loop guard counts it as bounded). */
  readonly jump?: (config: ConfigOf<S>) => { readonly target: string; readonly maxIterations: number };
  /**
   * Context paths this node reads from `ctx.scope` itself, beyond the templates
   * in its config (a branch's condition paths, `['contact.tags']`). Context
   * providers load only for the roots a step's templates and these paths name,
   * so a node that reads `ctx.scope` without saying so may find `contact` missing.
   */
  readonly reads?: (config: ConfigOf<S>) => readonly string[];
  readonly run: (ctx: StepContext<ConfigOf<S>>) => StepResult | Promise<StepResult>;
  /** Called when a wait this node asked for is resumed. */
  readonly resume?: (ctx: ResumeContext<ConfigOf<S>>) => StepResult | Promise<StepResult>;
}

export type NodeDefinition<S = TSchema> = TriggerNodeDefinition<S> | StepNodeDefinition<S>;

/** A node definition whose config type has been erased, as registries hold them. */
// Config is contravariant in run(); erasing it needs `any` at this one boundary.
// biome-ignore lint/suspicious/noExplicitAny: see the line above
export type AnyNodeDefinition = NodeDefinition<any>;

/**
 * Defines a node. Returns the definition unchanged, typed so that `run` sees the
 * config its schema describes. Registration is explicit: pass the node to
 * `createEngine({ nodes })`; importing a file registers nothing.
 */
export function defineNode<const S extends TSchema | JsonSchemaObject>(definition: TriggerNodeDefinition<S>): TriggerNodeDefinition<S>;
export function defineNode<const S extends TSchema | JsonSchemaObject>(definition: StepNodeDefinition<S>): StepNodeDefinition<S>;
export function defineNode<S>(definition: NodeDefinition<S>): NodeDefinition<S> {
  return definition;
}

/**
 * The signal key an event emitted for a subject raises: a wait on this key is
 * resumed by the next event of that type for that subject (see `core.wait`).
 */
export function eventSignalKey(type: string, subject: string): string {
  return `event:${type}:${subject}`;
}

/**
 * Adds values to the scope that templates and conditions read, loaded fresh
 * for each step of a run (e.g. the inbox provides `contact`, `conversation`
 * and `assignee` for runs whose subject is a conversation). Return `{}` for
 * runs it knows nothing about.
 */
export interface ContextProvider {
  readonly name: string;
  /**
   * The scope roots `load` returns (`['contact', 'conversation']`): it is called
   * only for steps that read one of them. Omitted: called for every step.
   */
  readonly provides?: readonly string[];
  /**
   * What each root holds, for the editor: `GET /api/template-scope` lists them so a template
   * field offers `{{ contact.name }}` in its autocomplete and previews it over the example
   * before any run. One per root of `provides`; checked when the engine is created.
   *
   * @example roots: [{ name: 'order', title: 'Order', description: 'The order the run is about.', schema: { type: 'object', properties: { total: { type: 'number', description: 'In euros.' } }, examples: [{ total: 120 }] } }]
   */
  readonly roots?: readonly ScopeRootDescription[];
  load(db: NodeDatabase, run: RunInfo): Promise<Readonly<Record<string, unknown>>>;
}

/** One root of the scope templates read (`contact`, `vars`), described for the editor. */
export interface ScopeRootDescription {
  /** What templates start with: `contact` in `{{ contact.name }}`. */
  readonly name: string;
  /** Its name for people, in `language`: "Contact". */
  readonly title: string;
  readonly description: string;
  /**
   * JSON Schema of its value, its properties with a `description` each, and `examples`
   * holding one realistic value: the editor's previews render templates over `examples[0]`.
   */
  readonly schema: TSchema | JsonSchemaObject;
  /** The language tag of the texts above and in `schema`; `en` when omitted. */
  readonly language?: string;
  /** The texts in other languages, keyed by language tag, as a node's `translations`. */
  readonly translations?: Readonly<Record<string, ScopeRootTranslation>>;
}

/** A scope root's texts in one more language; `schema` is keyed by JSON Pointer into its schema. */
export interface ScopeRootTranslation {
  readonly title: string;
  readonly description: string;
  readonly schema?: Readonly<Record<string, ConfigFieldTranslation>>;
}

export function defineContextProvider(provider: ContextProvider): ContextProvider {
  return provider;
}
