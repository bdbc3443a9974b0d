import { type Static, Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { Engine } from '../../engine.ts';
import { SubjectSchema } from '../request-schemas.ts';
import { errorResponse } from '../shared-schemas.ts';

const EventBody = Type.Object(
  {
    type: Type.String({ minLength: 1, maxLength: 200, description: 'The event type, e.g. conversation.opened.' }),
    subject: Type.Optional(SubjectSchema),
    idempotencyKey: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'A repeated key starts nothing new: the answer names the runs the first delivery started.' }),
    ),
    data: Type.Optional(Type.Object({}, { additionalProperties: true, description: 'The event payload; triggers and templates read it as `data`.' })),
  },
  { additionalProperties: false },
);

const emitted = {
  type: 'object',
  required: ['eventId', 'runIds', 'duplicate'],
  properties: {
    eventId: { type: 'string', format: 'uuid' },
    runIds: { type: 'array', items: { type: 'string', format: 'uuid' }, description: 'Runs this event started.' },
    duplicate: { type: 'boolean', description: 'True when the idempotency key was seen before.' },
  },
} as const;

/** Events in: the way consumers (the inbox, other systems) start and resume runs. */
export const eventRoutes: FastifyPluginAsync<{ engine: Engine }> = async (app, { engine }) => {
  app.post<{ Body: Static<typeof EventBody> }>(
    '/api/events',
    {
      config: { access: 'flows:write' },
      schema: {
        tags: ['events'],
        summary: 'Emit an event',
        description:
          'Records the event, starts a run of every published workflow whose trigger matches it, and resumes runs waiting on it for its subject, in one transaction. ' +
          "Answers 202 for a new event and 200 when its idempotency key was already seen (nothing new is started; `runIds` are the first delivery's).",
        body: EventBody,
        response: {
          202: { description: 'Accepted: a new event.', ...emitted },
          200: { description: 'A repeat of an event already accepted with this idempotency key.', ...emitted },
          422: errorResponse('The body is invalid (REQUEST_INVALID).'),
        },
      },
    },
    async (request, reply) => {
      const result = await engine.emit(request.body);
      return reply.status(result.duplicate ? 200 : 202).send(result);
    },
  );
};
