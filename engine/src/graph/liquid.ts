import { Liquid } from 'liquidjs';

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
});

export function hasTemplate(text: string): boolean {
  return text.includes('{{') || text.includes('{%');
}
