/**
 * The plugin seam: one object for everything a consumer adds to the engine
 * (the inbox is the first). `createEngine({ plugins })` installs the nodes,
 * queues, context providers, migrations and error codes; `createServer`
 * registers the routes under the same auth and error handling as the engine's
 * own; `setup` runs when the engine starts and hands the plugin the engine's
 * public methods, so nothing binds late.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Engine, QueueDefinition } from './engine.ts';
import type { NodeRegistration } from './graph/node-catalog.ts';
import type { AnyNodeDefinition, ContextProvider, ErrorCodeEntry, NodeDatabase } from './sdk.ts';

/** One forward-only migration of a plugin's own chain. */
export interface PluginMigration {
  /** Runs in a transaction with the engine's schema first on the search path. */
  up(db: NodeDatabase): Promise<void>;
  /**
   * The name this migration once had in the engine's own chain, for migrations
   * that moved out of it (the inbox's `0002-inbox`): a database that ran it
   * there has it recorded in the plugin's chain instead, and it never runs twice.
   */
  readonly movedFromEngine?: string;
}

/** What a plugin's `setup` may use: the engine's public methods, without starting or stopping it. */
export type PluginEngine = Omit<Engine, 'start' | 'stop'>;

export interface SwitchboardPlugin {
  /**
   * Lower snake case, unique among the plugins (`inbox`). Names the plugin's
   * migration table, `<name>_schema_migrations` in the engine's schema, and
   * appears in the errors about it.
   */
  readonly name: string;
  /** Node types the plugin installs, checked with every other pack's (a type id may appear once). */
  readonly nodes?: readonly (AnyNodeDefinition | NodeRegistration<AnyNodeDefinition>)[];
  /** Job queues on the engine's pg-boss; their names must not collide with another plugin's. */
  readonly queues?: readonly QueueDefinition[];
  /** Values for the scope templates and conditions read (see `ContextProvider`). */
  readonly contextProviders?: readonly ContextProvider[];
  /**
   * The plugin's own migration chain, by name, applied in name order after the
   * engine's, under the same lock; a database whose chain has migrations this
   * code does not know is refused as newer, like the engine's.
   */
  readonly migrations?: Readonly<Record<string, PluginMigration>>;
  /**
   * A Fastify plugin with the plugin's HTTP routes; the server registers it behind its auth and
   * error body. Each route declares who may call it, `config: { access: 'flows:read' }` (see the
   * README's roles); the server refuses to start with a route that does not.
   */
  readonly routes?: FastifyPluginAsync;
  /**
   * Names for run subjects the plugin owns (the inbox: the contact's name for `conversation:<id>`),
   * shown as a run's `subjectLabel`. Given every subject of a page of runs at once (one query, not
   * one a run); returns labels for those it knows and leaves the rest out.
   */
  readonly subjectLabels?: (db: NodeDatabase, subjects: readonly string[]) => Promise<ReadonlyMap<string, string>>;
  /** The error codes the plugin (and its nodes) throw: code -> status, kind, summary. See `defineErrorCodes`. */
  readonly errors?: Readonly<Record<string, ErrorCodeEntry>>;
  /**
   * Runs once the database is migrated, before any worker takes a job or the
   * server a request: the plugin keeps the engine to emit, signal, enqueue and
   * run transactions with.
   */
  readonly setup?: (engine: PluginEngine) => void | Promise<void>;
}

/**
 * Defines a plugin. Returns it unchanged, typed; pass it to
 * `createEngine({ plugins: [...] })` and the same engine to `createServer`.
 *
 * @example
 * export const notes = definePlugin({
 *   name: 'notes',
 *   migrations: { '0001-notes': { up: async (db) => void (await sql`create table notes (body text)`.execute(db)) } },
 *   nodes: [writeNote],
 *   routes: notesRoutes,
 *   errors: defineErrorCodes({ NOTES_NOT_FOUND: { status: 404, kind: 'user', summary: 'No note has this id.' } }),
 *   setup: (engine) => void (host = engine),
 * });
 */
export function definePlugin<const P extends SwitchboardPlugin>(plugin: P): P {
  return plugin;
}
