import { type Static, Type } from '@sinclair/typebox';
import { LanguageTag } from '../request-schemas.ts';
import type { FastifyPluginAsync } from 'fastify';
import type { Engine } from '../../engine.ts';
import { DEFAULT_NODE_LANGUAGE } from '../../graph/check-node-texts.ts';
import { readPointer } from '../../graph/json-pointer.ts';
import type { ScopeRootDescription } from '../../sdk.ts';
import { languagePreferences, pickLanguage } from '../accept-language.ts';
import { errorResponse, ref, type ScopeRootSchema } from '../shared-schemas.ts';

type ScopeRoot = Static<typeof ScopeRootSchema>;

const TemplateScopeQuery = Type.Object(
  {
    language: Type.Optional(
      LanguageTag(
        'The language of the titles and descriptions, a language tag; each root answers in its best match. Omitted: the Accept-Language header decides.',
        ['es', 'en'],
      ),
    ),
  },
  { additionalProperties: false },
);

/**
 * What every template of a flow may read besides `trigger` and `steps` (which depend on the
 * flow: the node types' `outputSchema` describes them): the engine's roots and the context
 * providers' (the inbox's `contact`, `conversation`, `assignee`, `team`), with a schema and a
 * sample each, for the editor's autocomplete and previews. `secrets` lists the stored secrets
 * by name: their values never leave the server, and the sample shows each as a step records it.
 */
export const templateScopeRoutes: FastifyPluginAsync<{ engine: Engine }> = async (app, { engine }) => {
  app.get<{ Querystring: Static<typeof TemplateScopeQuery> }>(
    '/api/template-scope',
    {
      config: { access: 'flows:read' },
      schema: {
        tags: ['workflows'],
        summary: 'What templates may read',
        description:
          'The scope roots every template may read besides `trigger` and `steps`: `vars`, `run`, `now`, `secrets` (the stored names; never a value) and those of the installed context providers, ' +
          'each with a JSON Schema and a sample value, texts in the language asked for with `language`, else the best of Accept-Language.',
        querystring: TemplateScopeQuery,
        response: {
          200: {
            description: "Every scope root, the engine's first.",
            type: 'object',
            properties: { roots: { type: 'array', items: ref('ScopeRoot') } },
            required: ['roots'],
            additionalProperties: false,
          },
          422: errorResponse('`language` is not a language tag (REQUEST_INVALID).'),
        },
      },
    },
    async (request, reply) => {
      const { language } = request.query;
      const preferences = language === undefined ? languagePreferences(request.headers['accept-language']) : [language];
      reply.header('vary', 'Accept-Language');
      const secretNames = (await engine.listSecrets()).map((secret) => secret.name);
      return {
        roots: engine.scopeRoots.map((root) => describeRoot(root.name === 'secrets' ? withSecrets(root, secretNames) : root, preferences)),
      };
    },
  );
};

/** The secrets root with one property per stored secret, each shown as a step records it: `[secret:NAME]`. */
function withSecrets(root: ScopeRootDescription, names: readonly string[]): ScopeRootDescription {
  return {
    ...root,
    schema: {
      ...(root.schema as object),
      properties: Object.fromEntries(names.map((name) => [name, { type: 'string' }])),
      additionalProperties: false,
      examples: [Object.fromEntries(names.map((name) => [name, `[secret:${name}]`]))],
    },
  };
}

function describeRoot(root: ScopeRootDescription, preferences: readonly string[]): ScopeRoot {
  const defaultLanguage = root.language ?? DEFAULT_NODE_LANGUAGE;
  const chosen = pickLanguage(preferences, [defaultLanguage, ...Object.keys(root.translations ?? {})]) ?? defaultLanguage;
  const translation = chosen === defaultLanguage ? undefined : root.translations?.[chosen];
  // JSON, as it is sent: TypeBox's symbol keys are dropped either way.
  const schema: unknown = JSON.parse(JSON.stringify(root.schema));
  // The engine checked every pointer at start (check-scope-roots.ts).
  for (const [pointer, texts] of Object.entries(translation?.schema ?? {})) {
    const target = readPointer(schema, pointer) as Record<string, unknown>;
    if (texts.title !== undefined) target['title'] = texts.title;
    if (texts.description !== undefined) target['description'] = texts.description;
  }
  const examples = (schema as { examples?: readonly unknown[] }).examples;
  return {
    name: root.name,
    language: translation === undefined ? defaultLanguage : chosen,
    title: translation?.title ?? root.title,
    description: translation?.description ?? root.description,
    schema,
    example: examples?.[0] ?? null,
  };
}
