import { Liquid } from 'liquidjs';

/** Characters one template may have; a config string is a message or a URL, not a document. */
export const MAX_TEMPLATE_LENGTH = 100_000;
/** Milliseconds one template may take to render. */
export const RENDER_LIMIT_MS = 250;
/** liquidjs's count of created objects and string growth during one render (its `memoryLimit`). */
export const RENDER_MEMORY_LIMIT = 5_000_000;
/** Characters one rendered template may produce. */
export const MAX_RENDERED_LENGTH = 256 * 1024;

/**
 * The one template engine: LiquidJS. It never evaluates JavaScript (unlike
 * Handlebars, which compiles templates to functions), escapes nothing by default
 * (unlike Mustache, which would turn a customer's `'` into `&#39;` in a chat
 * message), and gives operations staff filters such as
 * `{{ contact.name | default: "there" }}`. Parsed templates are cached.
 */
export const liquid = new Liquid({
  cache: 1000,
  strictFilters: true,
  ownPropertyOnly: true,
  greedy: false,
  // A flow author is untrusted. An empty in-memory template map instead of the file system:
  // `{% include %}`, `{% render %}` and `{% layout %}` find nothing, so no template can read
  // a file under the working directory (the admin token, .git/config) into a run.
  templates: {},
  // Bounds per render (ARCHITECTURE.md, promise 8): rendering is synchronous on the worker's
  // event loop, so a `{% for i in (1..100000000) %}` must stop in milliseconds, not minutes,
  // and must not build a 100 MB string on the way.
  parseLimit: MAX_TEMPLATE_LENGTH,
  renderLimit: RENDER_LIMIT_MS,
  memoryLimit: RENDER_MEMORY_LIMIT,
});

export function hasTemplate(text: string): boolean {
  return text.includes('{{') || text.includes('{%');
}
