import { escapePointerSegment } from '@switchboard/engine/graph';

/**
 * One difference between two JSON values, at a JSON Pointer relative to where the comparison
 * started (a node's config, the settings).
 *
 * - `added`: the value exists only after; `pointer` is where it is after.
 * - `removed`: the value exists only before; `pointer` is where it was before.
 * - `changed`: a value replaced another; `pointer` is where it is after, `from` where it was before
 *   when that differs (an item that shifted in its list because an earlier one was added).
 * - `moved`: an array item kept its content (or its `id`) but changed places; `from` is where it was.
 */
export interface FieldChange {
  readonly kind: 'added' | 'removed' | 'changed' | 'moved';
  readonly pointer: string;
  /** Where the value was before, when that is not `pointer`. */
  readonly from?: string;
  /** undefined when absent before. */
  readonly before: unknown;
  /** undefined when absent after. */
  readonly after: unknown;
}

/**
 * Every difference between `before` and `after`, as precise as it reads well:
 *
 * - objects are compared key by key, whatever the order of their keys; a key set to undefined is
 *   a key that is absent (as in JSON);
 * - lists of objects (branches, schedule intervals, choices) are aligned like a text diff, so an
 *   item inserted at the top is one `added`, not every later item `changed`. Items are matched by
 *   their `id` when every item has a distinct one (a branch keeps its identity when its conditions
 *   change), else by their whole content; unmatched items left between two matched ones are paired
 *   in order and compared field by field (a schedule interval whose closing time changed);
 * - lists of plain values (tags, weekdays) are one value: "a, b → a, c" reads better than an index.
 *
 * @example
 * diffValues({ cap: 3, team: 't1' }, { team: 't1', cap: 5 })
 * // [{ kind: 'changed', pointer: '/cap', before: 3, after: 5 }]
 */
export function diffValues(before: unknown, after: unknown, at = '', beforeAt = at): FieldChange[] {
  if (sameJson(before, after)) return [];
  if (before === undefined) return [{ kind: 'added', pointer: at, before, after }];
  if (after === undefined) return [{ kind: 'removed', pointer: beforeAt, before, after }];
  if (isPlainObject(before) && isPlainObject(after)) return diffObjects(before, after, at, beforeAt);
  if (Array.isArray(before) && Array.isArray(after) && (before.some(isStructured) || after.some(isStructured))) {
    return diffLists(before, after, at, beforeAt);
  }
  return [changed(at, beforeAt, before, after)];
}

function diffObjects(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>, at: string, beforeAt: string): FieldChange[] {
  // The after document's key order, then keys only the before one has: the order a person wrote.
  const keys = [...Object.keys(after), ...Object.keys(before).filter((key) => !Object.hasOwn(after, key))];
  return keys.flatMap((key) => {
    const segment = `/${escapePointerSegment(key)}`;
    return diffValues(ownValue(before, key), ownValue(after, key), at + segment, beforeAt + segment);
  });
}

function diffLists(before: readonly unknown[], after: readonly unknown[], at: string, beforeAt: string): FieldChange[] {
  const keyOf = listKeys(before, after);
  const beforeKeys = before.map(keyOf);
  const afterKeys = after.map(keyOf);
  const pairs = longestCommonSubsequence(beforeKeys, afterKeys);

  // The items between two matched ones (and before the first, after the last): what was added,
  // removed, moved or edited in place.
  const gaps: { readonly removed: number[]; readonly added: number[]; readonly match: readonly [number, number] | undefined }[] = [];
  let previousBefore = -1;
  let previousAfter = -1;
  for (const match of [...pairs, undefined]) {
    const [beforeIndex, afterIndex] = match ?? [before.length, after.length];
    gaps.push({ removed: range(previousBefore + 1, beforeIndex), added: range(previousAfter + 1, afterIndex), match });
    previousBefore = beforeIndex;
    previousAfter = afterIndex;
  }

  // An item whose key is on both sides but outside the common subsequence changed places.
  const movedFrom = new Map<number, number>();
  const taken = new Set<number>();
  const allRemoved = gaps.flatMap((gap) => gap.removed);
  for (const afterIndex of gaps.flatMap((gap) => gap.added)) {
    const beforeIndex = allRemoved.find((candidate) => !taken.has(candidate) && beforeKeys[candidate] === afterKeys[afterIndex]);
    if (beforeIndex === undefined) continue;
    taken.add(beforeIndex);
    movedFrom.set(afterIndex, beforeIndex);
  }

  const item = (base: string, index: number) => `${base}/${index}`;
  const inside = (beforeIndex: number, afterIndex: number) =>
    diffValues(before[beforeIndex], after[afterIndex], item(at, afterIndex), item(beforeAt, beforeIndex));
  const changes: FieldChange[] = [];
  for (const gap of gaps) {
    const removed = gap.removed.filter((index) => !taken.has(index));
    const added = gap.added.filter((index) => !movedFrom.has(index));
    const paired = Math.min(removed.length, added.length);
    const pairedWith = new Map(added.slice(0, paired).map((afterIndex, index) => [afterIndex, removed[index] as number]));
    for (const beforeIndex of removed.slice(paired))
      changes.push({ kind: 'removed', pointer: item(beforeAt, beforeIndex), before: before[beforeIndex], after: undefined });
    for (const afterIndex of gap.added) {
      const fromIndex = movedFrom.get(afterIndex);
      const partner = pairedWith.get(afterIndex);
      if (fromIndex !== undefined) {
        changes.push({ kind: 'moved', pointer: item(at, afterIndex), from: item(beforeAt, fromIndex), before: before[fromIndex], after: after[afterIndex] });
        changes.push(...inside(fromIndex, afterIndex));
      } else if (partner !== undefined) {
        changes.push(...inside(partner, afterIndex));
      } else {
        changes.push({ kind: 'added', pointer: item(at, afterIndex), before: undefined, after: after[afterIndex] });
      }
    }
    if (gap.match !== undefined) changes.push(...inside(gap.match[0], gap.match[1]));
  }
  return changes;
}

/** Items keyed by `id` when each side's items all carry a distinct string one, else by their content. */
function listKeys(before: readonly unknown[], after: readonly unknown[]): (value: unknown) => string {
  const hasIds = (list: readonly unknown[]) => {
    const ids = list.map((value) => (isPlainObject(value) && typeof value['id'] === 'string' ? value['id'] : undefined));
    return ids.every((id) => id !== undefined) && new Set(ids).size === ids.length;
  };
  if (before.length > 0 && after.length > 0 && hasIds(before) && hasIds(after)) return (value) => `id:${(value as { id: string }).id}`;
  return (value) => `json:${canonicalJson(value)}`;
}

/** Index pairs of a longest common subsequence of two key lists, in order (lists here are short: O(n·m) is fine). */
function longestCommonSubsequence(a: readonly string[], b: readonly string[]): (readonly [number, number])[] {
  const width = b.length + 1;
  // lengths[i][j]: the longest common subsequence of a[i..] and b[j..].
  const lengths = new Uint32Array((a.length + 1) * width);
  const length = (i: number, j: number) => lengths[i * width + j] ?? 0;
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      lengths[i * width + j] = a[i] === b[j] ? length(i + 1, j + 1) + 1 : Math.max(length(i + 1, j), length(i, j + 1));
    }
  }
  const pairs: (readonly [number, number])[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      pairs.push([i, j]);
      i += 1;
      j += 1;
    } else if (length(i + 1, j) >= length(i, j + 1)) {
      i += 1;
    } else {
      j += 1;
    }
  }
  return pairs;
}

function changed(at: string, beforeAt: string, before: unknown, after: unknown): FieldChange {
  return beforeAt === at ? { kind: 'changed', pointer: at, before, after } : { kind: 'changed', pointer: at, from: beforeAt, before, after };
}

function range(start: number, end: number): number[] {
  return Array.from({ length: Math.max(0, end - start) }, (_, index) => start + index);
}

function ownValue(record: Readonly<Record<string, unknown>>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function isStructured(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

export function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Two values are the same JSON: key order and keys set to undefined make no difference. */
export function sameJson(a: unknown, b: unknown): boolean {
  return a === b || canonicalJson(a) === canonicalJson(b);
}

/** JSON with object keys sorted; undefined (absent) values leave no trace, as in JSON.stringify. */
export function canonicalJson(value: unknown): string {
  return (
    JSON.stringify(value, (_key, inner: unknown) => {
      if (!isPlainObject(inner)) return inner;
      const sorted: Record<string, unknown> = {};
      for (const key of Object.keys(inner).sort()) sorted[key] = inner[key];
      return sorted;
    }) ?? 'undefined'
  );
}
