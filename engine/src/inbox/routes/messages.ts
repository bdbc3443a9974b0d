import { type Static, SwitchboardError, Type } from '@switchboard/engine/sdk';
import type { FastifyPluginAsync } from 'fastify';
import type { Inbox } from '../create-inbox.ts';
import type { InboxRuntime } from '../inbox-runtime.ts';
import { MAX_TEXT_LENGTH } from '../message-text.ts';
import { TEST_CHAT_CHANNEL } from '../channels/test-chat-channel.ts';
import { AttachmentSchema } from './inbox-schemas.ts';
import { described, ReceivedMessageSchema } from './inbox-response-schemas.ts';

const InboundBody = Type.Object(
  {
    channel: Type.String({ minLength: 1, maxLength: 100, description: 'A configured channel adapter, e.g. whatsapp.' }),
    contact: Type.Object(
      {
        externalId: Type.String({ minLength: 1, maxLength: 500, description: "The contact's id on the channel (a phone number, a chat id)." }),
        name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
        phone: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
        email: Type.Optional(Type.String({ format: 'email', maxLength: 320 })),
      },
      { additionalProperties: false },
    ),
    text: Type.String({ maxLength: MAX_TEXT_LENGTH }),
    attachments: Type.Optional(Type.Array(AttachmentSchema, { maxItems: 20 })),
    idempotencyKey: Type.Optional(
      Type.String({ minLength: 1, maxLength: 500, description: "The channel's message id: a redelivery stores and emits nothing new." }),
    ),
  },
  { additionalProperties: false },
);

/** Inbound messages from channels. */
export const messageRoutes: FastifyPluginAsync<{ rt: InboxRuntime; inbox: Inbox }> = async (app, { rt, inbox }) => {
  app.post<{ Body: Static<typeof InboundBody> }>(
    '/api/inbox/messages',
    {
      config: { access: 'inbox:write' },
      schema: {
        tags: ['inbox'],
        summary: 'Receive a message from a contact',
        description:
          "Finds or creates the contact by channel identity, opens a conversation when none is open (a closed conversation's contact writing again opens a new one, kept with the previous assignee), stores the message and emits inbox.conversation_opened and inbox.message_received. 201 when stored, 200 for a redelivery.",
        body: InboundBody,
        response: {
          201: described('Stored: the message, its conversation and whether one was opened.', ReceivedMessageSchema),
          200: described('A redelivery of a message already stored under this idempotency key; nothing new happened.', ReceivedMessageSchema),
        },
      },
    },
    async (request, reply) => {
      // The test chat channel is for POST /api/tests/{id}/messages alone: nobody outside writes as a test's customer.
      if (request.body.channel === TEST_CHAT_CHANNEL) {
        const message = `Channel "${TEST_CHAT_CHANNEL}" carries test chats only; send a test's messages to POST /api/tests/{id}/messages.`;
        throw new SwitchboardError('INBOX_CHANNEL_UNKNOWN', message, { issues: [{ path: '/channel', code: 'INBOX_CHANNEL_UNKNOWN', message }] });
      }
      const received = await rt.engine().transaction((db) => inbox.receiveMessage(db, request.body));
      void reply.status(received.duplicate ? 200 : 201);
      return received;
    },
  );
};
