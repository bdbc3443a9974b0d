import { ListChecks } from 'lucide-react';
import { Trans, useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../shell/useDocumentTitle.ts';
import { NotHereYet } from '../ui/NotHereYet.tsx';

export function RunsScreen() {
  const { t } = useTranslation('runs');
  useDocumentTitle(t('title'));
  return (
    <NotHereYet
      icon={ListChecks}
      title={t('title')}
      intro={t('intro')}
      willDo={[t('willDo.list'), t('willDo.view'), t('willDo.act')]}
      comes={t('comes')}
      today={<Trans t={t} i18nKey="today" components={{ code: <code /> }} />}
    />
  );
}
