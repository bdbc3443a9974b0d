/**
 * Request schemas the inbox routes share, in TypeBox, so a handler's types
 * come from the schema that validates its request. Every object refuses
 * unknown properties: a misspelt field is reported with its path, not ignored.
 */
import { Type } from '@switchboard/engine/sdk';
import { MAX_TEXT_LENGTH } from '../message-text.ts';

/** Any string: an id that is not a uuid names nothing and gets a 404, not a 422. */
export const IdParams = Type.Object({ id: Type.String({ description: 'The id (a uuid).' }) });

export const Name = Type.String({ minLength: 1, maxLength: 200 });
export const Text = Type.String({ minLength: 1, maxLength: MAX_TEXT_LENGTH });
export const Uuid = Type.String({ format: 'uuid' });
export const Tag = Type.String({ minLength: 1, maxLength: 100 });

export const AgentStatusSchema = Type.Unsafe<'online' | 'away' | 'offline'>({ type: 'string', enum: ['online', 'away', 'offline'] });
export const PrioritySchema = Type.Unsafe<'low' | 'normal' | 'high' | 'urgent'>({ type: 'string', enum: ['low', 'normal', 'high', 'urgent'] });

export const AttachmentSchema = Type.Object(
  {
    url: Type.String({ minLength: 1, maxLength: 2048 }),
    name: Type.Optional(Type.String({ maxLength: 255 })),
    contentType: Type.Optional(Type.String({ maxLength: 255 })),
    size: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false, description: 'Attachment metadata; the file itself stays with the channel or a file store.' },
);

export const TagsBody = Type.Object(
  {
    add: Type.Optional(Type.Array(Tag, { maxItems: 100 })),
    remove: Type.Optional(Type.Array(Tag, { maxItems: 100 })),
  },
  { additionalProperties: false },
);

/** Who acts, for routes where an agent does something (reply, note, close). */
export const AgentIdField = Type.String({ minLength: 1, description: 'The acting agent (a uuid); 404 when unknown.' });
