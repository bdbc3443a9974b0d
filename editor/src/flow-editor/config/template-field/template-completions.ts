import type { ScopeVariable, TemplateScope } from '../template-scope.ts';
import { findVariable } from '../template-scope.ts';

export interface TemplateCompletion {
  readonly label: string;
  readonly type: 'variable' | 'property' | 'filter' | 'keyword';
  readonly detail?: string;
  readonly variable?: ScopeVariable;
}

export interface CompletionAnswer {
  /** Where the completed word starts, as an offset into the text. */
  readonly from: number;
  readonly options: readonly TemplateCompletion[];
}

/** The filters liquidjs has, as the engine renders with them (strictFilters: no others). */
export const liquidFilters = [
  'abs',
  'append',
  'at_least',
  'at_most',
  'capitalize',
  'ceil',
  'compact',
  'concat',
  'date',
  'default',
  'divided_by',
  'downcase',
  'escape',
  'first',
  'floor',
  'join',
  'last',
  'lstrip',
  'map',
  'minus',
  'modulo',
  'newline_to_br',
  'plus',
  'prepend',
  'remove',
  'remove_first',
  'replace',
  'replace_first',
  'reverse',
  'round',
  'rstrip',
  'size',
  'slice',
  'sort',
  'sort_natural',
  'split',
  'strip',
  'strip_html',
  'strip_newlines',
  'sum',
  'times',
  'truncate',
  'truncatewords',
  'uniq',
  'upcase',
  'url_decode',
  'url_encode',
  'where',
] as const;

const TAGS = [
  'if',
  'elsif',
  'else',
  'endif',
  'unless',
  'endunless',
  'case',
  'when',
  'endcase',
  'for',
  'endfor',
  'assign',
  'capture',
  'endcapture',
  'break',
  'continue',
  'comment',
  'endcomment',
  'raw',
  'endraw',
];

/**
 * What to offer at `position` of a template: nothing outside `{{ }}` and `{% %}` (a message's
 * words are not names); after `|` the filters; right after `{%` the tags; after `contact.` what
 * is under `contact`; elsewhere the scope's roots (trigger, contact, vars, steps...).
 */
export function completeTemplate(text: string, position: number, scope: TemplateScope | undefined): CompletionAnswer | null {
  const before = text.slice(0, position);
  const open = Math.max(before.lastIndexOf('{{'), before.lastIndexOf('{%'));
  if (open === -1) return null;
  const inner = before.slice(open + 2);
  if (inner.includes('}}') || inner.includes('%}')) return null;
  // Inside a quoted string: a literal, not a name.
  if ((inner.match(/"/g)?.length ?? 0) % 2 === 1 || (inner.match(/'/g)?.length ?? 0) % 2 === 1) return null;
  const isTag = before.startsWith('{%', open);

  const filter = /\|\s*([A-Za-z_]*)$/.exec(inner);
  if (filter !== null) {
    const word = filter[1] ?? '';
    return { from: position - word.length, options: liquidFilters.map((label) => ({ label, type: 'filter' as const })) };
  }
  if (isTag) {
    const tag = /^-?\s*([a-z]*)$/.exec(inner);
    if (tag !== null) {
      const word = tag[1] ?? '';
      return { from: position - word.length, options: TAGS.map((label) => ({ label, type: 'keyword' as const })) };
    }
  }
  if (scope === undefined) return null;
  const member = /([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)\.([\w]*)$/.exec(inner);
  if (member !== null) {
    const parent = findVariable(scope, (member[1] ?? '').split('.'));
    if (parent === undefined || parent.children.length === 0) return null;
    const word = member[2] ?? '';
    return {
      from: position - word.length,
      options: parent.children.map((variable) => ({
        label: variable.path.slice(variable.path.lastIndexOf('.') + 1),
        type: 'property' as const,
        variable,
        ...detailOf(variable),
      })),
    };
  }
  const root = /(?:^|[\s(,:=<>!])([A-Za-z_][\w]*)?$/.exec(inner);
  if (root === null) return null;
  const word = root[1] ?? '';
  return {
    from: position - word.length,
    options: scope.variables.map((variable) => ({ label: variable.path, type: 'variable' as const, variable, ...detailOf(variable) })),
  };
}

function detailOf(variable: ScopeVariable): { detail?: string } {
  return variable.title === undefined ? {} : { detail: variable.title };
}
