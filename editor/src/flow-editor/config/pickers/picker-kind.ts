/**
 * What `x-picker` may name (sdk/src/schema-annotations.ts): the value is picked from a list of
 * things that exist instead of typed. The stored value is the thing's id (a field's key, a
 * snippet's shortcut, another node's id); the picker shows its name.
 */
export const pickerKinds = ['agent', 'team', 'tag', 'field', 'snippet', 'workflow', 'node', 'timezone', 'schedule', 'holidays'] as const;

export type PickerKind = (typeof pickerKinds)[number];

export function isPickerKind(value: unknown): value is PickerKind {
  return typeof value === 'string' && (pickerKinds as readonly string[]).includes(value);
}

/** Kinds whose value is one string (or, with `multiple`, a list of them) chosen from a list. */
export type ListPickerKind = Exclude<PickerKind, 'schedule' | 'holidays'>;

export function isListPickerKind(kind: PickerKind): kind is ListPickerKind {
  return kind !== 'schedule' && kind !== 'holidays';
}
