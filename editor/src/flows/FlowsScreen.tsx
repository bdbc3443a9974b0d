import { Workflow } from 'lucide-react';
import { Trans, useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../shell/useDocumentTitle.ts';
import { NotHereYet } from '../ui/NotHereYet.tsx';

export function FlowsScreen() {
  const { t } = useTranslation('flows');
  useDocumentTitle(t('title'));
  return (
    <NotHereYet
      icon={Workflow}
      title={t('title')}
      intro={t('intro')}
      willDo={[t('willDo.list'), t('willDo.manage'), t('willDo.edit')]}
      comes={t('comes')}
      today={<Trans t={t} i18nKey="today" components={{ code: <code /> }} />}
    />
  );
}
