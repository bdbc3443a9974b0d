/** What `/templates` keeps in its address: the category shown (`?category=assignment`), so a link reopens it. */
export interface TemplatesSearch {
  readonly category?: string;
}

/** TanStack Router's validateSearch for `/templates`: a category is a plain lowercase word; anything else shows them all. */
export function validateTemplatesSearch(search: Record<string, unknown>): TemplatesSearch {
  const category = search['category'];
  return typeof category === 'string' && /^[a-z][a-z0-9_-]{0,40}$/.test(category) ? { category } : {};
}
