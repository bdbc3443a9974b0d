import { Type } from '@switchboard/sdk';

export interface StringEnumOptions<T extends readonly string[]> {
  readonly title: string;
  readonly description: string;
  readonly default?: T[number];
  /** Show the field only while siblings have these values (`x-when`, see the SDK's `SchemaAnnotations`). */
  readonly when?: Readonly<Record<string, unknown>>;
  /** What the editor shows for each value, in the node's default language (English). */
  readonly labels: { readonly [V in T[number]]: string };
}

/**
 * A string limited to a list of values, as JSON Schema `enum`, with a label
 * per value as `x-enumNames` (same order). TypeBox's `Union` of literals
 * compiles to `anyOf` of `const`s: ajv then reports one error per alternative
 * and the editor has to reassemble a dropdown from it, while `enum` gives one
 * error ("must be one of ...") and a plain select.
 *
 * ```ts
 * stringEnum(['all', 'any'], { title: 'Match', description: '...', default: 'all', labels: { all: 'All conditions', any: 'Any condition' } })
 * ```
 */
export function stringEnum<const T extends readonly string[]>(values: T, options: StringEnumOptions<T>) {
  const { labels, when, ...texts } = options;
  return Type.Unsafe<T[number]>({
    ...texts,
    ...(when === undefined ? {} : { 'x-when': when }),
    type: 'string',
    enum: values,
    'x-enumNames': values.map((value: T[number]) => labels[value]),
  });
}
