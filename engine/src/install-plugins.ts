import { SwitchboardError } from './errors.ts';
import type { QueueDefinition } from './engine.ts';
import type { NodeRegistration } from './graph/node-catalog.ts';
import type { PluginEngine, SwitchboardPlugin } from './plugin.ts';
import { registerErrorCodes } from '@switchboard/sdk';
import type { AnyNodeDefinition, ContextProvider } from './sdk.ts';
import type { PluginMigrationChain } from './store/migrate-plugins.ts';
import { RUN_DEAD_LETTER_QUEUE, RUN_QUEUE, RUN_TIMER_QUEUE, MAINTENANCE_QUEUE, SCHEDULE_QUEUE } from './runtime/queue.ts';

/** Plugin names become table names (`<name>_schema_migrations_lock` must fit Postgres's 63 characters). */
const PLUGIN_NAME = /^[a-z][a-z0-9_]{0,39}$/;
const ENGINE_QUEUES = new Set([RUN_QUEUE, RUN_TIMER_QUEUE, RUN_DEAD_LETTER_QUEUE, SCHEDULE_QUEUE, MAINTENANCE_QUEUE]);

/** What the engine takes from its plugins, checked and gathered once by createEngine. */
export interface InstalledPlugins {
  readonly plugins: readonly SwitchboardPlugin[];
  readonly nodes: readonly NodeRegistration<AnyNodeDefinition>[];
  readonly queues: readonly QueueDefinition[];
  readonly contextProviders: readonly ContextProvider[];
  readonly migrationChains: readonly PluginMigrationChain[];
  readonly subjectLabels: readonly NonNullable<SwitchboardPlugin['subjectLabels']>[];
  /** Runs every plugin's setup, in the order the plugins were given. */
  setup(engine: PluginEngine): Promise<void>;
}

/**
 * Checks the plugin list and gathers what each adds. A malformed or duplicate
 * name, a queue another plugin (or the engine) owns, or an error code another
 * owner registered stops the start with PLUGIN_INVALID naming the plugin;
 * duplicate node types are the catalog's to refuse, naming both plugins.
 * Registers the plugins' error codes.
 */
export function installPlugins(plugins: readonly SwitchboardPlugin[], engineQueues: readonly QueueDefinition[]): InstalledPlugins {
  const names = new Set<string>();
  const queueOwners = new Map<string, string>([...ENGINE_QUEUES].map((name) => [name, 'the engine']));
  for (const queue of engineQueues) queueOwners.set(queue.name, 'EngineOptions.queues');
  for (const plugin of plugins) {
    if (!PLUGIN_NAME.test(plugin.name)) {
      throw new SwitchboardError(
        'PLUGIN_INVALID',
        `Plugin name "${plugin.name}" must be lower snake case, a letter first, at most 40 characters (it names the table ${plugin.name}_schema_migrations).`,
      );
    }
    if (names.has(plugin.name)) throw new SwitchboardError('PLUGIN_INVALID', `Two plugins are named "${plugin.name}"; plugin names must be unique.`);
    names.add(plugin.name);
    for (const queue of plugin.queues ?? []) {
      const owner = queueOwners.get(queue.name);
      if (owner !== undefined)
        throw new SwitchboardError(
          'PLUGIN_INVALID',
          `Plugin "${plugin.name}" defines queue "${queue.name}", which ${owner} already defines; name it after the plugin (${plugin.name}-...).`,
        );
      queueOwners.set(queue.name, `plugin "${plugin.name}"`);
    }
    try {
      registerErrorCodes(`plugin "${plugin.name}"`, plugin.errors ?? {});
    } catch (error) {
      throw new SwitchboardError('PLUGIN_INVALID', `Plugin "${plugin.name}" has invalid error codes: ${(error as Error).message}`, { cause: error });
    }
  }
  return {
    plugins,
    nodes: plugins.flatMap((plugin) =>
      (plugin.nodes ?? []).map((item) => ('node' in item && 'source' in item ? item : { node: item, source: `plugin "${plugin.name}"` })),
    ),
    queues: plugins.flatMap((plugin) => plugin.queues ?? []),
    contextProviders: plugins.flatMap((plugin) => plugin.contextProviders ?? []),
    migrationChains: plugins.flatMap((plugin) => (plugin.migrations === undefined ? [] : [{ name: plugin.name, migrations: plugin.migrations }])),
    subjectLabels: plugins.flatMap((plugin) => (plugin.subjectLabels === undefined ? [] : [plugin.subjectLabels])),
    async setup(engine) {
      for (const plugin of plugins) await plugin.setup?.(engine);
    },
  };
}
