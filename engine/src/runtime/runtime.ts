import type { Kysely } from 'kysely';
import type { PgBoss } from 'pg-boss';
import type { DB } from '../store/database.ts';
import type { NodeCatalog } from '../graph/node-catalog.ts';
import type { CompiledGraph } from '../graph/compile-graph.ts';
import type { AnyNodeDefinition, ContextProvider, EmittedEvent } from '../sdk.ts';
import type { Logger } from '../logger.ts';
import type { SecretsKeyring } from '../secrets/secrets-key.ts';

/** Everything the executor needs, assembled once by createEngine. */
export interface Runtime {
  readonly db: Kysely<DB>;
  readonly boss: PgBoss;
  readonly catalog: NodeCatalog<AnyNodeDefinition>;
  /** Injected so tests control time; defaults to the wall clock. */
  readonly clock: () => Date;
  readonly log: Logger;
  readonly contextProviders: readonly ContextProvider[];
  /** Aborted on shutdown; handed to nodes so long calls stop early. */
  readonly abortSignal: AbortSignal;
  /** Published versions are immutable, so their compiled graphs can be cached by `workflowId@version`. */
  readonly graphs: Map<string, CompiledGraph>;
  /** The keys that decrypt secrets; undefined when this process has none (README "Secrets"). */
  readonly secretsKey: SecretsKeyring | undefined;
  /** Emits an event inside a transaction (the triggers module): lets steps start other runs. */
  readonly emit: (trx: Kysely<DB>, event: EmittedEvent) => Promise<{ readonly runIds: readonly string[] }>;
}
