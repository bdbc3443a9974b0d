import { type Static, Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { Engine } from '../../engine.ts';
import { personOf } from '../person-of.ts';
import { IdParams } from '../request-schemas.ts';
import { revisionConflictResponse, sendRevisionConflict } from '../revision-conflict.ts';
import { parseIfMatch, revisionETag } from '../revision-etag.ts';
import { errorResponse, ref } from '../shared-schemas.ts';

const VersionParams = Type.Object({
  id: Type.String({ description: 'The workflow id (a uuid).' }),
  version: Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'The version number.' }),
});

const notFound = errorResponse('No workflow has this id (WORKFLOW_NOT_FOUND).');

/** A workflow's published versions: the history the editor lists, diffs and restores from. */
export const workflowVersionRoutes: FastifyPluginAsync<{ engine: Engine }> = async (app, { engine }) => {
  app.get<{ Params: Static<typeof IdParams> }>(
    '/api/workflows/:id/versions',
    {
      config: { access: 'flows:read' },
      schema: {
        tags: ['workflows'],
        summary: "List a workflow's published versions, newest first",
        description: 'Each with its number, when and by whom it was published, its note and its definition (to diff against the draft or another version).',
        params: IdParams,
        response: { 200: { description: 'Published versions.', type: 'array', items: ref('WorkflowVersion') }, 404: notFound },
      },
    },
    async (request) => {
      const versions = await engine.listVersions(request.params.id);
      return versions.map(({ version, createdAt, note, publishedBy, definition }) => ({ version, createdAt, note, publishedBy, definition }));
    },
  );

  app.post<{ Params: Static<typeof VersionParams> }>(
    '/api/workflows/:id/versions/:version/restore',
    {
      config: { access: 'flows:write' },
      schema: {
        tags: ['workflows'],
        summary: "Restore a version as the workflow's draft",
        description:
          "Makes the version's definition (nodes, edges, settings, notes, positions) the draft's next revision, under the draft's current name and description. " +
          'Nothing is published: the active version keeps starting runs until the draft is published. ' +
          'Send `If-Match` with the ETag you read, as for PUT, to restore only over that revision; without it the restore replaces whatever was saved.',
        params: VersionParams,
        response: {
          200: { description: 'The new draft; `revision` (and the ETag) is the new revision.', ...ref('WorkflowDraft') },
          404: errorResponse('No workflow has this id (WORKFLOW_NOT_FOUND), or it has no such version (WORKFLOW_VERSION_NOT_FOUND).'),
          409: {
            description:
              'A stale If-Match (WORKFLOW_REVISION_CONFLICT, with `currentRevision`, `updatedAt`, `updatedBy`), or an archived workflow (WORKFLOW_ARCHIVED: restore it first).',
            anyOf: [revisionConflictResponse, ref('Error')],
          },
          422: errorResponse(
            'The version number is not a positive integer (REQUEST_INVALID), or its definition no longer passes the definition schema (DEFINITION_INVALID).',
          ),
        },
      },
    },
    async (request, reply) => {
      const ifRevision = parseIfMatch(request.headers['if-match']);
      try {
        const { workflow, issues } = await engine.restoreVersionAsDraft(request.params.id, request.params.version, {
          by: personOf(request),
          ...(ifRevision === undefined ? {} : { ifRevision }),
        });
        return await reply.header('etag', revisionETag(workflow.revision)).send({ ...workflow, issues });
      } catch (error) {
        return sendRevisionConflict(error, reply);
      }
    },
  );
};
