/**
 * Language negotiation: which of the languages something is written in to
 * answer a request in. `Accept-Language` gives ranges with weights
 * (`es-MX, es;q=0.9, en;q=0.5`); each is tried in order of preference.
 */

const RANGE = /^(\*|[a-z]{1,8}(-[a-z0-9]{1,8})*)$/i;
// A header is at most what Node accepts (16 KB); no person prefers more languages than this.
const MAX_RANGES = 32;

/**
 * The ranges of an `Accept-Language` header, most preferred first (equal
 * weights keep their order), without those of weight 0 and entries that are
 * not ranges. A missing or empty header gives none.
 *
 * @example languagePreferences('en;q=0.5, es-MX, fr;q=0') // ['es-MX', 'en']
 */
export function languagePreferences(header: string | undefined): string[] {
  if (header === undefined) return [];
  const ranges: { readonly range: string; readonly weight: number }[] = [];
  for (const entry of header.split(',').slice(0, MAX_RANGES)) {
    const [range = '', ...parameters] = entry.split(';').map((part) => part.trim());
    if (!RANGE.test(range)) continue;
    const q = parameters.find((parameter) => /^q=/i.test(parameter));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (!(weight > 0 && weight <= 1)) continue;
    ranges.push({ range, weight });
  }
  // Array.prototype.sort is stable, so equal weights keep the order the client sent.
  return ranges.sort((a, b) => b.weight - a.weight).map((entry) => entry.range);
}

/**
 * The best of `available` (language tags) for `preferences`, or undefined when
 * none fits. For each range in turn: the tag itself, then a tag under it
 * (`es` takes `es-419`), then the same with the range's last subtag dropped
 * (`es-MX` takes `es`, else `es-ES`), so a less preferred language only wins
 * when nothing of a more preferred one is there. `*` takes the first available.
 * Case does not matter. When several tags fit equally, the first in `available` wins.
 *
 * @example pickLanguage(['es-MX', 'en'], ['en', 'es']) // 'es'
 */
export function pickLanguage(preferences: readonly string[], available: readonly string[]): string | undefined {
  const tags = available.map((tag) => ({ tag, lower: tag.toLowerCase() }));
  for (const preference of preferences) {
    if (preference === '*') return available[0];
    let range = preference.toLowerCase();
    for (;;) {
      const exact = tags.find(({ lower }) => lower === range);
      if (exact !== undefined) return exact.tag;
      const under = tags.find(({ lower }) => lower.startsWith(`${range}-`));
      if (under !== undefined) return under.tag;
      const cut = range.lastIndexOf('-');
      if (cut < 0) break;
      range = range.slice(0, cut);
    }
  }
  return undefined;
}
