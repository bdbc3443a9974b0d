import type { FastifyReply } from 'fastify';
import { isSwitchboardError } from '../errors.ts';
import { revisionETag } from './revision-etag.ts';

/** The 409 of a stale draft write: the error body plus the revision the draft is at now. */
export const revisionConflictResponse = {
  description:
    'The draft moved past the revision in If-Match (WORKFLOW_REVISION_CONFLICT); nothing was written. Reload, merge and save with `currentRevision`.',
  type: 'object',
  required: ['statusCode', 'code', 'message', 'currentRevision'],
  properties: {
    statusCode: { type: 'integer', const: 409 },
    code: { type: 'string', const: 'WORKFLOW_REVISION_CONFLICT' },
    message: { type: 'string' },
    currentRevision: { type: 'integer', minimum: 1, description: "The draft's revision now; also sent as the ETag." },
  },
} as const;

/**
 * Answers a WORKFLOW_REVISION_CONFLICT with the current revision in the body
 * and the ETag (the error body's usual shape has no room for it); rethrows
 * anything else to the error handler.
 */
export function sendRevisionConflict(error: unknown, reply: FastifyReply): FastifyReply {
  if (!isSwitchboardError(error) || error.code !== 'WORKFLOW_REVISION_CONFLICT') throw error;
  const currentRevision = Number(error.details?.['currentRevision']);
  return reply
    .status(409)
    .header('etag', revisionETag(currentRevision))
    .send({ ...error.toJSON(), currentRevision });
}
