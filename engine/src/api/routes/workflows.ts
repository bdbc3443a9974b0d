import { type Static, Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { Engine } from '../../engine.ts';
import { IdParams, SubjectSchema } from '../request-schemas.ts';
import { errorResponse, ref } from '../shared-schemas.ts';
import { parseIfMatch, revisionETag } from '../revision-etag.ts';
import { revisionConflictResponse, sendRevisionConflict } from '../revision-conflict.ts';

// The engine validates definitions itself (definition.schema.json, then node configs
// and the graph) and answers DEFINITION_INVALID with a pointer per problem, so the
// route only insists on an object.
const DefinitionBody = Type.Object({}, { additionalProperties: true, description: 'A workflow definition document (see definition.schema.json).' });

const ManualRunBody = Type.Object(
  {
    input: Type.Optional(Type.Object({}, { additionalProperties: true, description: 'The trigger data the run starts with; templates read it as `trigger`.' })),
    subject: Type.Optional(SubjectSchema),
  },
  { additionalProperties: false },
);

const ListQuery = Type.Object(
  { archived: Type.Optional(Type.Boolean({ description: 'true lists the archived workflows instead of the others.' })) },
  { additionalProperties: false },
);

type IdRoute = { Params: Static<typeof IdParams> };

const notFound = errorResponse('No workflow has this id.');
const definitionInvalid = errorResponse('The document is not a workflow definition (DEFINITION_INVALID); `issues` points at each problem.');

/** Workflows: drafts the editor saves, publishing them as immutable versions, and starting runs by hand. */
export const workflowRoutes: FastifyPluginAsync<{ engine: Engine }> = async (app, { engine }) => {
  app.post(
    '/api/workflows',
    {
      config: { access: 'flows:write' },
      schema: {
        tags: ['workflows'],
        summary: 'Create a workflow from a definition',
        description: 'Saves the definition as a draft. Graph problems do not block saving: they are returned in `issues` and block publishing.',
        body: DefinitionBody,
        response: { 201: { description: 'Created.', ...ref('WorkflowDraft') }, 422: definitionInvalid },
      },
    },
    async (request, reply) => {
      const { workflow, issues } = await engine.createWorkflow(request.body);
      return reply
        .status(201)
        .header('etag', revisionETag(workflow.revision))
        .send({ ...workflow, issues });
    },
  );

  app.get<{ Querystring: Static<typeof ListQuery> }>(
    '/api/workflows',
    {
      config: { access: 'flows:read' },
      schema: {
        tags: ['workflows'],
        summary: 'List workflows, newest first',
        description: 'Archived workflows are left out; `?archived=true` lists them instead.',
        querystring: ListQuery,
        response: {
          200: { description: 'The workflows.', type: 'array', items: ref('Workflow') },
          422: errorResponse('A filter is invalid (REQUEST_INVALID).'),
        },
      },
    },
    async (request) => engine.listWorkflows(request.query.archived === true ? { archived: true } : {}),
  );

  app.get<IdRoute>(
    '/api/workflows/:id',
    {
      config: { access: 'flows:read' },
      schema: {
        tags: ['workflows'],
        summary: 'Get a workflow with its draft',
        description:
          "The draft comes back as it was saved, and `issues` lists what would block publishing it now (a node type uninstalled since it was saved shows up here). The `ETag` header is the draft's revision; send it back as `If-Match` when saving.",
        params: IdParams,
        response: { 200: { description: "The workflow and its draft's issues.", ...ref('WorkflowDraft') }, 404: notFound },
      },
    },
    async (request, reply) => {
      const { workflow, issues } = await engine.getWorkflowDraft(request.params.id);
      return reply.header('etag', revisionETag(workflow.revision)).send({ ...workflow, issues });
    },
  );

  app.put<IdRoute>(
    '/api/workflows/:id',
    {
      config: { access: 'flows:write' },
      schema: {
        tags: ['workflows'],
        summary: "Replace a workflow's draft",
        description:
          'Published versions and runs in flight are unaffected until the draft is published. Send `If-Match` with the ETag you read (`"3"`) to save only over that revision: if someone saved since, nothing is written and the answer is 409 WORKFLOW_REVISION_CONFLICT with `currentRevision`. Without `If-Match` (or with `*`) the write always replaces the draft (last write wins), as for scripts that own the workflow.',
        params: IdParams,
        body: DefinitionBody,
        response: {
          200: { description: 'Saved; `revision` (and the ETag) is the new revision.', ...ref('WorkflowDraft') },
          404: notFound,
          409: {
            description:
              'A stale If-Match (WORKFLOW_REVISION_CONFLICT, with `currentRevision`), or an archived workflow (WORKFLOW_ARCHIVED: restore it first).',
            anyOf: [revisionConflictResponse, ref('Error')],
          },
          422: definitionInvalid,
        },
      },
    },
    async (request, reply) => {
      const ifRevision = parseIfMatch(request.headers['if-match']);
      try {
        const { workflow, issues } = await engine.updateWorkflow(request.params.id, request.body, ifRevision === undefined ? {} : { ifRevision });
        return await reply.header('etag', revisionETag(workflow.revision)).send({ ...workflow, issues });
      } catch (error) {
        return sendRevisionConflict(error, reply);
      }
    },
  );

  app.post<IdRoute>(
    '/api/workflows/:id/publish',
    {
      config: { access: 'flows:write' },
      schema: {
        tags: ['workflows'],
        summary: "Publish a workflow's draft as its next version",
        description: 'Compiles the draft; every problem is returned with a JSON Pointer and nothing is published. Runs in flight stay on their version.',
        params: IdParams,
        response: {
          200: {
            description: 'Published and active.',
            type: 'object',
            required: ['workflow', 'version'],
            properties: {
              workflow: ref('Workflow'),
              version: {
                type: 'object',
                required: ['version', 'createdAt'],
                properties: { version: { type: 'integer' }, createdAt: { type: 'string', format: 'date-time' } },
              },
            },
          },
          404: notFound,
          409: errorResponse('The workflow is archived (WORKFLOW_ARCHIVED); restore it first.'),
          422: errorResponse('The draft does not compile; `issues` points at each problem (code GRAPH_* or CONFIG_INVALID).'),
        },
      },
    },
    async (request) => {
      const { workflow, version } = await engine.publishWorkflow(request.params.id);
      return { workflow, version: { version: version.version, createdAt: version.createdAt } };
    },
  );

  app.post<IdRoute>(
    '/api/workflows/:id/stop',
    {
      config: { access: 'flows:write' },
      schema: {
        tags: ['workflows'],
        summary: 'Stop a workflow',
        description: 'Its trigger stops starting runs; runs in flight finish on their version.',
        params: IdParams,
        response: { 200: { description: 'Stopped.', ...ref('Workflow') }, 404: notFound },
      },
    },
    async (request) => engine.stopWorkflow(request.params.id),
  );

  app.get<IdRoute>(
    '/api/workflows/:id/versions',
    {
      config: { access: 'flows:read' },
      schema: {
        tags: ['workflows'],
        summary: "List a workflow's published versions, newest first",
        params: IdParams,
        response: { 200: { description: 'Published versions.', type: 'array', items: ref('WorkflowVersion') }, 404: notFound },
      },
    },
    async (request) => {
      const versions = await engine.listVersions(request.params.id);
      return versions.map(({ version, createdAt, definition }) => ({ version, createdAt, definition }));
    },
  );

  app.post<IdRoute & { Body: Static<typeof ManualRunBody> }>(
    '/api/workflows/:id/runs',
    {
      config: { access: 'flows:write' },
      schema: {
        tags: ['workflows', 'runs'],
        summary: 'Start a run of the published workflow by hand',
        params: IdParams,
        body: ManualRunBody,
        response: {
          201: { description: 'A run was started.', ...ref('StartedRun') },
          200: {
            description: 'Nothing new was started: a run for this subject is in flight and the workflow ignores re-entry. `runId` is that run.',
            ...ref('StartedRun'),
          },
          404: notFound,
          409: errorResponse('The workflow is not published and active (WORKFLOW_NOT_ACTIVE).'),
          422: errorResponse('The body is invalid (REQUEST_INVALID).'),
        },
      },
    },
    async (request, reply) => {
      const { input = {}, subject = null } = request.body;
      const result = await engine.startManualRun(request.params.id, input, subject);
      return reply.status(result.started ? 201 : 200).send(result);
    },
  );

  app.post<IdRoute>(
    '/api/workflows/:id/archive',
    {
      config: { access: 'flows:write' },
      schema: {
        tags: ['workflows'],
        summary: 'Archive a workflow',
        description:
          'Stops its trigger (runs in flight finish on their version) and hides it from the default list; its versions and runs are kept. ' +
          'An archived workflow cannot be edited or published until it is restored. Archiving it again changes nothing.',
        params: IdParams,
        response: { 200: { description: 'Archived.', ...ref('Workflow') }, 404: notFound },
      },
    },
    async (request) => engine.archiveWorkflow(request.params.id),
  );

  app.post<IdRoute>(
    '/api/workflows/:id/restore',
    {
      config: { access: 'flows:write' },
      schema: {
        tags: ['workflows'],
        summary: 'Restore an archived workflow',
        description: 'Brings it back as a stopped draft (status `stopped`, or `draft` if it was never published); publish it to start runs again.',
        params: IdParams,
        response: { 200: { description: 'Restored.', ...ref('Workflow') }, 404: notFound },
      },
    },
    async (request) => engine.restoreWorkflow(request.params.id),
  );

  app.delete<IdRoute>(
    '/api/workflows/:id',
    {
      config: { access: 'flows:write' },
      schema: {
        tags: ['workflows'],
        summary: 'Delete a workflow that never ran',
        description:
          'Deletes the workflow with its versions and trigger, whatever its status, if it has never run. ' +
          'A workflow with runs is refused with 409 WORKFLOW_HAS_RUNS, so the record of what they did stays: archive it instead.',
        params: IdParams,
        response: {
          204: { description: 'Deleted.', type: 'null' },
          404: notFound,
          409: errorResponse('The workflow has runs (WORKFLOW_HAS_RUNS); archive it instead.'),
        },
      },
    },
    async (request, reply) => {
      await engine.deleteWorkflow(request.params.id);
      return reply.status(204).send();
    },
  );
};
