import { Liquid } from 'liquidjs';
import { findVariable, type TemplateScope } from '../template-scope.ts';

// The engine's options (engine/src/graph/liquid.ts): unknown filters are errors, only own
// properties are read, nothing is read from files, and a render is bounded.
const liquid = new Liquid({
  cache: 200,
  strictFilters: true,
  ownPropertyOnly: true,
  greedy: false,
  templates: {},
  parseLimit: 100_000,
  renderLimit: 250,
  memoryLimit: 5_000_000,
});

export type PreviewResult =
  | { readonly ok: true; readonly text: string; readonly unknown: readonly string[] }
  | { readonly ok: false; readonly message: string };

export function hasTemplate(text: string): boolean {
  return text.includes('{{') || text.includes('{%');
}

/**
 * Renders a template over the scope's sample data, as a run would (Liquid, the engine's
 * options), and lists the names it reads that the scope does not have at this step (a
 * misspelt `contact.nmae` renders as nothing, so the person is told). A template that does
 * not parse, or uses a filter that does not exist, answers with liquidjs's message.
 */
export function renderPreview(template: string, scope: TemplateScope | undefined): PreviewResult {
  try {
    const text = String(liquid.parseAndRenderSync(template, scope?.sample ?? {}));
    return { ok: true, text, unknown: scope === undefined ? [] : unknownNames(template, scope) };
  } catch (error) {
    return { ok: false, message: messageOf(error) };
  }
}

/**
 * The dotted names a template reads whose root the scope lacks, or under `vars` and `steps`
 * (which the editor knows in full) a name it lacks. Under `contact` and the other roots a
 * deeper name may be a custom field, so only their roots are checked; and only when the server
 * said which roots there are.
 */
export function unknownNames(template: string, scope: TemplateScope): string[] {
  let segments: (string | number | unknown[])[][];
  try {
    segments = liquid.globalVariableSegmentsSync(template) as (string | number | unknown[])[][];
  } catch {
    return [];
  }
  const unknown = new Set<string>();
  for (const path of segments) {
    const names: string[] = [];
    for (const segment of path) {
      if (typeof segment !== 'string') break;
      names.push(segment);
    }
    const [root] = names;
    if (root === undefined) continue;
    const full = root === 'vars' || root === 'steps' ? names.slice(0, 2) : [root];
    const known = scope.rootsKnown || ['trigger', 'vars', 'steps'].includes(root);
    if (known && findVariable(scope, full) === undefined) unknown.add(full.join('.'));
  }
  return [...unknown];
}

function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // liquidjs appends the offending line with a caret; the first line says what is wrong.
  return message.split('\n')[0] ?? message;
}
