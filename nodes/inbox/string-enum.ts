import { Type } from '@switchboard/sdk';

/**
 * A string limited to a list of values, as JSON Schema `enum`, with a label
 * per value (in English, the pack's default language) as `x-enumNames`: one
 * error ("must be one of ...") and a plain select in the editor, where
 * TypeBox's union of literals would give `anyOf` and an error per alternative.
 */
export function stringEnum<const T extends readonly string[]>(
  values: T,
  options: {
    readonly title: string;
    readonly description: string;
    readonly default?: T[number];
    /** Show the field only while siblings have these values (`x-when`, see the SDK's `SchemaAnnotations`). */
    readonly when?: Readonly<Record<string, unknown>>;
    readonly labels: { readonly [V in T[number]]: string };
  },
) {
  const { labels, when, ...texts } = options;
  return Type.Unsafe<T[number]>({
    ...texts,
    ...(when === undefined ? {} : { 'x-when': when }),
    type: 'string',
    enum: values,
    'x-enumNames': values.map((value: T[number]) => labels[value]),
  });
}
