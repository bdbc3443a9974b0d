import { ListChecks } from 'lucide-react';
import { Trans, useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../shell/useDocumentTitle.ts';
import { NotHereYet } from '../ui/NotHereYet.tsx';

/** One run, by its id in the address (`/runs/<id>`). */
export function RunScreen({ runId }: { readonly runId: string }) {
  const { t } = useTranslation('runs');
  const title = t('run.title', { id: runId });
  useDocumentTitle(title);
  return (
    <NotHereYet
      icon={ListChecks}
      title={title}
      intro={t('run.intro', { id: runId })}
      willDo={[t('willDo.view'), t('willDo.act')]}
      comes={t('comes')}
      today={<Trans t={t} i18nKey="run.today" values={{ id: runId }} components={{ code: <code /> }} />}
    />
  );
}
