import { useTranslation } from 'react-i18next';
import type { FlowDefinition } from './document/flow-store.ts';
import { DiffList } from './versions/DiffList.tsx';

/** What the other person's save changed, against what this editor last saved; read while the dialog is open. */
export function TheirChanges({ before, after }: { readonly before: FlowDefinition; readonly after: FlowDefinition | undefined }) {
  const { t } = useTranslation('flowEditor');
  if (after === undefined) return <p role="status">{t('loading')}</p>;
  return <DiffList before={before} after={after} empty={t('conflict.noChanges')} />;
}
