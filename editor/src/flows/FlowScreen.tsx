import { Workflow } from 'lucide-react';
import { Trans, useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../shell/useDocumentTitle.ts';
import { NotHereYet } from '../ui/NotHereYet.tsx';

/** One flow, by its id in the address (`/flows/<id>`), so a link to it keeps working when the editor arrives. */
export function FlowScreen({ flowId }: { readonly flowId: string }) {
  const { t } = useTranslation('flows');
  const title = t('flow.title', { id: flowId });
  useDocumentTitle(title);
  return (
    <NotHereYet
      icon={Workflow}
      title={title}
      intro={t('flow.intro', { id: flowId })}
      willDo={[t('willDo.edit')]}
      comes={t('comes')}
      today={<Trans t={t} i18nKey="flow.today" values={{ id: flowId }} components={{ code: <code /> }} />}
    />
  );
}
