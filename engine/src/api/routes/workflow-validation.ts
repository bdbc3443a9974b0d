import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { Engine } from '../../engine.ts';
import { ref } from '../shared-schemas.ts';

// Any JSON at all: a document that is not even an object is an issue to report, not a bad request.
const AnyDocument = Type.Unknown({ description: 'A workflow definition document (see definition.schema.json), checked as publishing would check it.' });

const ValidationResult = {
  type: 'object',
  required: ['ok', 'issues'],
  properties: {
    ok: { type: 'boolean', description: 'True when the definition could be published as it is.' },
    issues: {
      type: 'array',
      items: ref('Issue'),
      description: 'Every problem publishing would report, each with a JSON Pointer into the document; empty when ok.',
    },
  },
} as const;

/** The editor's dry run: what publishing would say about a definition, with nothing saved. */
export const workflowValidationRoutes: FastifyPluginAsync<{ engine: Engine }> = async (app, { engine }) => {
  app.post(
    '/api/workflows/validate',
    {
      config: { access: 'flows:read' },
      schema: {
        tags: ['workflows'],
        summary: 'Check a definition as publishing would, saving nothing',
        description:
          "A dry run of publishing: the document's shape, every node's config, the graph (triggers, ports, reachability, loops) and what configs name (teams, agents, fields). Answers 200 with `ok` and every issue, whatever the document; nothing is written.",
        body: AnyDocument,
        response: { 200: { description: 'The verdict and every issue.', ...ValidationResult } },
      },
    },
    async (request) => engine.validateWorkflow(request.body),
  );
};
