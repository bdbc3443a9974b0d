import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlowDefinition } from './document/flow-store.ts';
import { useNodeTypes } from './node-types.ts';
import { diffDefinitions, isEmptyDiff } from './versions/definition-diff.ts';
import { diffEntries } from './versions/diff-entries.ts';
import { DiffView } from './versions/DiffView.tsx';
import { useDiffWords } from './versions/useDiffWords.ts';

/** What the other person's save changed, against what this editor last saved; read while the conflict dialog is open. */
export function TheirChanges({ before, after }: { readonly before: FlowDefinition; readonly after: FlowDefinition | undefined }) {
  const { t } = useTranslation('flowEditor');
  const nodeTypes = useNodeTypes().data;
  const words = useDiffWords();
  const diff = useMemo(() => (after === undefined ? undefined : diffDefinitions(before, after)), [before, after]);
  if (after === undefined || diff === undefined) return <p role="status">{t('loading')}</p>;
  if (isEmptyDiff(diff)) return <p>{t('conflict.noChanges')}</p>;
  return <DiffView entries={diffEntries(diff, before, after, { ...words, nodeTypes })} />;
}
