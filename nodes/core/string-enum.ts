import { Type } from '@switchboard/sdk';

export interface StringEnumOptions<T extends readonly string[]> {
  readonly title: string;
  readonly description: string;
  readonly default?: T[number];
}

/**
 * A string limited to a list of values, as JSON Schema `enum`. TypeBox's
 * `Union` of literals compiles to `anyOf` of `const`s: ajv then reports one
 * error per alternative and the editor has to reassemble a dropdown from it,
 * while `enum` gives one error ("must be one of ...") and a plain select.
 *
 * ```ts
 * stringEnum(['all', 'any'], { title: 'Match', description: '...', default: 'all' })
 * ```
 */
export function stringEnum<const T extends readonly string[]>(values: T, options: StringEnumOptions<T>) {
  return Type.Unsafe<T[number]>({ ...options, type: 'string', enum: values });
}
