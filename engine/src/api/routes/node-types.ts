import type { FastifyPluginAsync } from 'fastify';
import type { Engine } from '../../engine.ts';
import type { CatalogEntry } from '../../graph/node-catalog.ts';
import type { Static } from '@sinclair/typebox';
import type { AnyNodeDefinition } from '../../sdk.ts';
import { type NodeTypeSchema, ref } from '../shared-schemas.ts';

/** What the editor's palette shows: every installed node type with its config schema and ports. */
export const nodeTypeRoutes: FastifyPluginAsync<{ engine: Engine }> = async (app, { engine }) => {
  // The catalog is fixed at start-up, so the list is built once.
  const nodeTypes = engine.catalog.list().map(describeNodeType);

  app.get(
    '/api/node-types',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['node types'],
        summary: 'List installed node types',
        response: { 200: { description: 'Every installed node type.', type: 'array', items: ref('NodeType') } },
      },
    },
    async () => nodeTypes,
  );
};

// Typed by the response schema: a field or value the schema lacks fails the typecheck.
function describeNodeType({ definition }: CatalogEntry<AnyNodeDefinition>): Static<typeof NodeTypeSchema> {
  // The rule itself, as data: a client evaluates it over a config with portsForConfig (@switchboard/engine/graph).
  const computedPorts = definition.ports.some((source) => typeof source !== 'string');
  const common = {
    type: definition.type,
    title: definition.title,
    category: definition.category,
    description: definition.description,
    kind: definition.kind,
    configSchema: definition.configSchema,
    ports: definition.ports,
    portsFromConfig: computedPorts,
  };
  if (definition.kind === 'trigger') return { ...common, triggerSource: definition.trigger.source };
  const { waits } = definition;
  const staticWaits = typeof waits === 'function' ? null : typeof waits === 'object' ? [...waits] : (waits ?? false);
  return { ...common, effects: definition.effects ?? 'database', waits: staticWaits };
}
