import type { FastifyReply } from 'fastify';
import { isSwitchboardError } from '../errors.ts';
import { revisionETag } from './revision-etag.ts';

/**
 * The 409 of a stale draft write: the error body plus the revision the draft is at now and who
 * saved it when, so the editor can say "Ana saved this at 10:42" in the person's language
 * without parsing the (English) message. The draft itself is not in it: GET the workflow to
 * show or merge what changed.
 */
export const revisionConflictResponse = {
  description:
    'The draft moved past the revision in If-Match (WORKFLOW_REVISION_CONFLICT); nothing was written. `currentRevision` is the revision now, `updatedAt` and `updatedBy` when and by whom it was saved. GET the workflow to reload it, merge, and save with `currentRevision`.',
  type: 'object',
  required: ['statusCode', 'code', 'message', 'currentRevision', 'updatedAt', 'updatedBy'],
  properties: {
    statusCode: { type: 'integer', const: 409 },
    code: { type: 'string', const: 'WORKFLOW_REVISION_CONFLICT' },
    message: { type: 'string' },
    currentRevision: { type: 'integer', minimum: 1, description: "The draft's revision now; also sent as the ETag." },
    updatedAt: { type: 'string', format: 'date-time', description: 'When the current revision was saved.' },
    updatedBy: {
      anyOf: [
        {
          type: 'object',
          required: ['id', 'name'],
          properties: { id: { type: 'string', format: 'uuid' }, name: { type: 'string' } },
        },
        { type: 'null' },
      ],
      description: 'Who saved the current revision; null for an API token of no one (or a save from before people existed).',
    },
  },
} as const;

/**
 * Answers a WORKFLOW_REVISION_CONFLICT with the current revision and its author in the body
 * and the revision as the ETag (the error body's usual shape has no room for them); rethrows
 * anything else to the error handler.
 */
export function sendRevisionConflict(error: unknown, reply: FastifyReply): FastifyReply {
  if (!isSwitchboardError(error) || error.code !== 'WORKFLOW_REVISION_CONFLICT') throw error;
  const currentRevision = Number(error.details?.['currentRevision']);
  return reply
    .status(409)
    .header('etag', revisionETag(currentRevision))
    .send({ ...error.toJSON(), currentRevision, updatedAt: error.details?.['updatedAt'], updatedBy: error.details?.['updatedBy'] ?? null });
}
