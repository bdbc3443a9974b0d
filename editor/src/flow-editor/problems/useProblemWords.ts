import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { NodeProblem } from './problems.ts';

/**
 * A problem in the person's language: the editor's own words for the graph problems the server
 * reports by code (no trigger, a port used twice), and for config problems the message as it
 * came, which the editor's own checks already word in the person's language.
 */
export function useProblemWords(): (problem: Pick<NodeProblem, 'message'> & { readonly code?: string | undefined }, nodeType?: string) => string {
  const { t, i18n } = useTranslation('flowEditor');
  return useCallback(
    (problem, nodeType) => {
      if (problem.code === undefined) return problem.message;
      const key = `problems.codes.${problem.code}`;
      return i18n.exists(key, { ns: 'flowEditor' }) ? String(t(key as 'problems.codes.GRAPH_NO_TRIGGER', { type: nodeType ?? '' })) : problem.message;
    },
    [t, i18n],
  );
}
