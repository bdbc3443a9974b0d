import { type Static, Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { Engine } from '../../engine.ts';
import { errorResponse, ref } from '../shared-schemas.ts';

const TemplateParams = Type.Object({ id: Type.String({ description: 'The template id, e.g. `sales-round-robin`.' }) });

const ImportBody = Type.Object(
  {
    language: Type.Optional(
      Type.Union([Type.Literal('en'), Type.Literal('es')], { default: 'en', description: 'Language of the workflow name and of default texts.' }),
    ),
    parameters: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description: 'Values for the template parameters (a team id, an agent id, a schedule, texts). Each is optional where the template has a default.',
      }),
    ),
  },
  { additionalProperties: false },
);

const localized = { type: 'object', required: ['en', 'es'], properties: { en: { type: 'string' }, es: { type: 'string' } } } as const;
const parameter = {
  type: 'object',
  required: ['name', 'type', 'title', 'description'],
  properties: { name: { type: 'string' }, type: { type: 'string' }, title: localized, description: localized, required: { type: 'boolean' }, default: {} },
} as const;
const summary = {
  type: 'object',
  required: ['id', 'title', 'description', 'category', 'parameters', 'trigger', 'steps', 'missingNodeTypes'],
  properties: {
    id: { type: 'string' },
    title: localized,
    description: localized,
    category: { type: 'string' },
    parameters: { type: 'array', items: parameter, description: 'What can be configured on import, such as which team.' },
    trigger: { type: ['string', 'null'], description: 'The node type of the trigger.' },
    steps: { type: 'array', items: { type: 'string' }, description: 'The node types of the steps, in order.' },
    missingNodeTypes: { type: 'array', items: { type: 'string' }, description: 'Node types this engine lacks; importing fails until they are installed.' },
  },
} as const;
const notFound = errorResponse('No template has this id (TEMPLATE_NOT_FOUND).');

/** Bundled templates: list them, read one, import one as a draft workflow. */
export const templateRoutes: FastifyPluginAsync<{ engine: Engine }> = async (app, { engine }) => {
  app.get(
    '/api/templates',
    {
      config: { access: 'flows:read' },
      schema: {
        tags: ['templates'],
        summary: 'List the bundled workflow templates',
        response: { 200: { description: 'Every template.', type: 'array', items: summary } },
      },
    },
    async () => engine.templates.list(),
  );

  app.get<{ Params: Static<typeof TemplateParams> }>(
    '/api/templates/:id',
    {
      config: { access: 'flows:read' },
      schema: {
        tags: ['templates'],
        summary: 'Read a template, with its definition',
        params: TemplateParams,
        response: {
          200: {
            description: 'The template.',
            type: 'object',
            additionalProperties: true,
            properties: { ...summary.properties, definition: { type: 'object', additionalProperties: true } },
          },
          404: notFound,
        },
      },
    },
    async (request) => engine.templates.get(request.params.id),
  );

  app.post<{ Params: Static<typeof TemplateParams>; Body: Static<typeof ImportBody> }>(
    '/api/templates/:id/import',
    {
      config: { access: 'flows:write' },
      schema: {
        tags: ['templates'],
        summary: 'Import a template as a draft workflow',
        description:
          'Fills the template with the given parameters (defaults where omitted: the whole workspace, a default schedule, default texts in `language`) and saves it as a draft. ' +
          'A missing required parameter is a 422 naming it (`/parameters/team`); a template that uses node types that are not installed is a 422 too, and nothing is created.',
        params: TemplateParams,
        body: ImportBody,
        response: {
          201: { description: 'The draft workflow, with `issues` that would block publishing.', ...ref('WorkflowDraft') },
          404: notFound,
          422: errorResponse(
            'A parameter is missing or invalid, or a node type is not installed (TEMPLATE_PARAMETER_MISSING, TEMPLATE_PARAMETER_INVALID, TEMPLATE_NODE_MISSING).',
          ),
        },
      },
    },
    async (request, reply) => {
      const { language = 'en', parameters = {} } = request.body ?? {};
      const { workflow, issues } = await engine.importTemplate(request.params.id, { language, parameters });
      return reply.status(201).send({ ...workflow, issues });
    },
  );
};
