import { Type } from '@switchboard/sdk';

/**
 * A string limited to a list of values, as JSON Schema `enum`: one error
 * ("must be one of ...") and a plain select in the editor, where TypeBox's
 * union of literals would give `anyOf` and an error per alternative.
 */
export function stringEnum<const T extends readonly string[]>(
  values: T,
  options: { readonly title: string; readonly description: string; readonly default?: T[number] },
) {
  return Type.Unsafe<T[number]>({ ...options, type: 'string', enum: values });
}
