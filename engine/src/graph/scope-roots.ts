import type { NodeTypeSpec } from './node-catalog.ts';
import { hasTemplate, liquid } from './liquid.ts';

/**
 * The scope roots a step reads (`contact`, `vars`, `steps`, ...), or `'all'`
 * when that cannot be known. A root counts when a template in the config
 * names it (`{{ contact.name }}`, found by liquidjs's static analysis) or when
 * the node type says it reads it from `ctx.scope` itself (`reads`, e.g. a
 * branch's condition paths). The executor uses this to call only the context
 * providers whose roots the step reads.
 *
 * @example
 * scopeRootsOf(sendMessage, { text: 'Hola {{ contact.name }}' }) // Set { 'contact' }
 */
export function scopeRootsOf(definition: Pick<NodeTypeSpec, 'kind' | 'reads'>, config: unknown): ReadonlySet<string> | 'all' {
  const roots = new Set<string>();
  if (!addTemplateRoots(config, roots)) return 'all';
  if (definition.kind === 'step' && definition.reads !== undefined) {
    for (const path of definition.reads(config as Readonly<Record<string, unknown>>)) {
      const root = path.split('.')[0] ?? '';
      if (root === '' || root === '*') return 'all';
      roots.add(root);
    }
  }
  return roots;
}

/**
 * A bracket that opens an expression (`{{ [vars.name] }}`) looks a root up by
 * a value known only when rendering; a bracket after a name (`contact[key]`)
 * is a property of a root the analysis already sees.
 */
const DYNAMIC_ROOT = /(?:^|[\s(,:|=])\[/;
const TAG = /\{\{([\s\S]*?)\}\}|\{%([\s\S]*?)%\}/g;

function hasDynamicRoot(template: string): boolean {
  for (const match of template.matchAll(TAG)) if (DYNAMIC_ROOT.test(match[1] ?? match[2] ?? '')) return true;
  return false;
}

/** Adds the roots every template under `value` names; false when a template's roots cannot be known. */
function addTemplateRoots(value: unknown, roots: Set<string>): boolean {
  if (typeof value === 'string') {
    if (!hasTemplate(value)) return true;
    if (hasDynamicRoot(value)) return false;
    try {
      for (const root of liquid.globalVariablesSync(value)) roots.add(root);
      return true;
    } catch {
      // Unparsable templates fail publishing; one that slips through renders with everything loaded.
      return false;
    }
  }
  if (Array.isArray(value)) return value.every((item) => addTemplateRoots(item, roots));
  if (value !== null && typeof value === 'object') return Object.values(value).every((item) => addTemplateRoots(item, roots));
  return true;
}
