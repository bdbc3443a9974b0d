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
    readonly labels: { readonly [V in T[number]]: string };
  },
) {
  const { labels, ...texts } = options;
  return Type.Unsafe<T[number]>({ ...texts, type: 'string', enum: values, 'x-enumNames': values.map((value: T[number]) => labels[value]) });
}
