/** The top-level keys of a definition in the order people write them (definition.schema.json). */
const KEY_ORDER = ['name', 'description', 'nodes', 'edges', 'settings', 'notes'];

/**
 * A published version's definition as the draft's next content: its nodes, edges, settings and
 * notes, under the draft's current name and description (restoring how a flow works does not
 * rename it in the list; the name and description are also what hasUnpublishedChanges ignores).
 * Versions are stored as jsonb, which reorders keys, so the top level is put back in the usual order.
 */
export function versionAsDraft(version: unknown, current: { readonly name: string; readonly description: string | null }): Record<string, unknown> {
  const source = typeof version === 'object' && version !== null && !Array.isArray(version) ? (version as Record<string, unknown>) : {};
  const merged: Record<string, unknown> = { ...source, name: current.name };
  delete merged['description'];
  if (current.description !== null) merged['description'] = current.description;
  const ordered: Record<string, unknown> = {};
  for (const key of KEY_ORDER) if (key in merged) ordered[key] = merged[key];
  for (const [key, value] of Object.entries(merged)) if (!(key in ordered)) ordered[key] = value;
  return ordered;
}
