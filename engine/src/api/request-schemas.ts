/**
 * Request schemas shared by several routes, written with TypeBox so a route's
 * handler gets its types from the same schema that validates the request.
 */
import { Type } from '@sinclair/typebox';

/** A `language` query parameter: a language tag (`es`, `es-MX`), described for the route that reads it. */
export function LanguageTag(description: string, examples: readonly string[] = ['es']) {
  return Type.String({ pattern: '^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$', maxLength: 35, examples: [...examples], description });
}

/** Ids are uuids, but any string is accepted: an id that isn't one names nothing and gets a 404, not a 422. */
export const IdParams = Type.Object({ id: Type.String({ description: 'The id (a uuid).' }) });

/** What a run is about, e.g. `conversation:42`. Runs for one subject are serialized. */
export const SubjectSchema = Type.Unsafe<string | null>({
  type: ['string', 'null'],
  minLength: 1,
  maxLength: 500,
  description: 'What the run is about, e.g. conversation:42; work for one subject is serialized. Null for none.',
});
