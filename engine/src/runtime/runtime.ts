import type { Kysely } from 'kysely';
import type { PgBoss } from 'pg-boss';
import type { DB } from '../store/database.ts';
import type { NodeCatalog } from '../graph/node-catalog.ts';
import type { CompiledGraph } from '../graph/compile-graph.ts';
import type { AnyNodeDefinition, ContextProvider, EmittedEvent } from '../sdk.ts';
import type { Logger } from '../logger.ts';
import type { Dispatcher } from 'undici';
import type { RunBounds, RunChain } from './run-chain.ts';
import type { SecretsKeyring } from '../secrets/secrets-key.ts';
import type { DatabaseOutages } from '../database-outages.ts';

/** Everything the executor needs, assembled once by createEngine. */
export interface Runtime {
  readonly db: Kysely<DB>;
  readonly boss: PgBoss;
  readonly catalog: NodeCatalog<AnyNodeDefinition>;
  /** Injected so tests control time; defaults to the wall clock. */
  readonly clock: () => Date;
  readonly log: Logger;
  /** Whether Postgres is away (a restart, a failover): its errors are counted there, not logged one by one. */
  readonly outages: DatabaseOutages;
  readonly contextProviders: readonly ContextProvider[];
  /** Aborted on shutdown; handed to nodes so long calls stop early. */
  readonly abortSignal: AbortSignal;
  /** Published versions are immutable, so their compiled graphs can be cached by `workflowId@version`. */
  readonly graphs: Map<string, CompiledGraph>;
  /** The connection pool of `ctx.fetch`, which enforces the egress policy (egress/egress-dispatcher.ts). */
  readonly egress: Dispatcher;
  /** Emits an event inside a transaction (the triggers module): lets steps start other runs, one deeper in their chain (`chain`). */
  readonly emit: (trx: Kysely<DB>, event: EmittedEvent, chain: RunChain) => Promise<{ readonly runIds: readonly string[] }>;
  /** The depth and rate bounds on runs started by runs. */
  readonly runBounds: RunBounds;
  /** The keys that decrypt secrets; undefined when this process has none (README "Secrets"). */
  readonly secretsKey: SecretsKeyring | undefined;
  /**
   * Whether a run an event starts from outside takes its first steps in the transaction that
   * records the event, and a run a segment starts on its subject follows it (advance-run.ts,
   * takeFirstSegments): in processes that run workers; an `api` process leaves every step to
   * them.
   */
  readonly firstSegmentInStartingTransaction: boolean;
}
