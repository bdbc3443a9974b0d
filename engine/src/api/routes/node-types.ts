import { type Static, Type } from '@sinclair/typebox';
import { LanguageTag } from '../request-schemas.ts';
import type { FastifyPluginAsync } from 'fastify';
import type { Engine } from '../../engine.ts';
import type { CatalogEntry } from '../../graph/node-catalog.ts';
import type { AnyNodeDefinition } from '../../sdk.ts';
import { languagePreferences, pickLanguage } from '../accept-language.ts';
import { type NodeTypeSchema, errorResponse, ref } from '../shared-schemas.ts';
import { languagesOf, type NodeTypeTexts, translateNodeType } from '../translate-node-type.ts';

type NodeType = Static<typeof NodeTypeSchema>;

const NodeTypeListQuery = Type.Object(
  {
    language: Type.Optional(
      LanguageTag(
        "The language to describe node types in, a language tag. Each node type answers in its best match (`es-MX` takes a node's `es`), else in its default language; `language` on each says which. Omitted: the Accept-Language header decides.",
        ['es', 'es-MX'],
      ),
    ),
  },
  { additionalProperties: false },
);

/** What the editor's palette shows: every installed node type with its config schema and ports, in the person's language. */
export const nodeTypeRoutes: FastifyPluginAsync<{ engine: Engine }> = async (app, { engine }) => {
  // The catalog is fixed at start-up, so each node type is described once per language it has, its default first.
  const nodeTypes = engine.catalog.list().map((entry) => {
    const [inDefaultLanguage, ...translated] = languagesOf(entry.definition).map((language) =>
      describeNodeType(entry, translateNodeType(entry.definition, language)),
    );
    return { inDefaultLanguage, translated };
  });

  app.get<{ Querystring: Static<typeof NodeTypeListQuery> }>(
    '/api/node-types',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['node types'],
        summary: 'List installed node types',
        description:
          'Titles, descriptions, config schema texts and port labels come in the language asked for with `language`, else the best of Accept-Language, for each node type that has it, else in its default language.',
        querystring: NodeTypeListQuery,
        response: {
          200: { description: 'Every installed node type.', type: 'array', items: ref('NodeType') },
          422: errorResponse('`language` is not a language tag (REQUEST_INVALID).'),
        },
      },
    },
    async (request, reply) => {
      const { language } = request.query;
      const preferences = language === undefined ? languagePreferences(request.headers['accept-language']) : [language];
      // The answer depends on Accept-Language: a cache must not hand one person's language to another.
      reply.header('vary', 'Accept-Language');
      return nodeTypes.map(({ inDefaultLanguage, translated }) => {
        const all = [inDefaultLanguage, ...translated];
        const chosen = pickLanguage(
          preferences,
          all.map((nodeType) => nodeType.language),
        );
        return all.find((nodeType) => nodeType.language === chosen) ?? inDefaultLanguage;
      });
    },
  );
};

// Typed by the response schema: a field or value the schema lacks fails the typecheck.
function describeNodeType({ definition }: CatalogEntry<AnyNodeDefinition>, texts: NodeTypeTexts): NodeType {
  // The rule itself, as data: a client evaluates it over a config with portsForConfig (@switchboard/engine/graph).
  const computedPorts = definition.ports.some((source) => typeof source !== 'string');
  const common = {
    type: definition.type,
    language: texts.language,
    title: texts.title,
    category: texts.category,
    description: texts.description,
    kind: definition.kind,
    configSchema: texts.configSchema,
    ...(texts.outputSchema === undefined ? {} : { outputSchema: texts.outputSchema }),
    ports: definition.ports,
    ...(definition.summaryFields === undefined ? {} : { summaryFields: [...definition.summaryFields] }),
    portLabels: texts.portLabels,
    portsFromConfig: computedPorts,
  };
  if (definition.kind === 'trigger') return { ...common, triggerSource: definition.trigger.source };
  const { waits } = definition;
  const staticWaits = typeof waits === 'function' ? null : typeof waits === 'object' ? [...waits] : (waits ?? false);
  return { ...common, effects: definition.effects ?? 'database', waits: staticWaits };
}
