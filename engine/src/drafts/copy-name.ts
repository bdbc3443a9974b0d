import definitionSchema from '../graph/definition.schema.json' with { type: 'json' };

const MAX_NAME_LENGTH = definitionSchema.properties.name.maxLength;
const SUFFIX = ' (copy)';

/**
 * The default name of a duplicate: `Sales routing (copy)`, shortened before the suffix when it
 * would pass the definition's limit on names. The client names copies in the person's
 * language by sending `name`; this is for callers that do not.
 */
export function copyName(name: string): string {
  // By code point, as the schema's maxLength counts them: a cut never splits a surrogate pair.
  const characters = Array.from(name);
  if (characters.length + SUFFIX.length <= MAX_NAME_LENGTH) return `${name}${SUFFIX}`;
  return `${characters
    .slice(0, MAX_NAME_LENGTH - SUFFIX.length)
    .join('')
    .trimEnd()}${SUFFIX}`;
}
