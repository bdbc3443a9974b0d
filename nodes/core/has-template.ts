/**
 * Whether a config text holds a template. Such a value is only known once the
 * engine renders it at run time, so `validate` checks it then, not at publish.
 * Mirrors the engine's own test for what it renders.
 */
export function hasTemplate(text: string): boolean {
  return text.includes('{{') || text.includes('{%');
}
