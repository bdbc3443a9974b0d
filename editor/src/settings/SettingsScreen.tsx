import { Settings } from 'lucide-react';
import { Trans, useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../shell/useDocumentTitle.ts';
import { NotHereYet } from '../ui/NotHereYet.tsx';

export function SettingsScreen() {
  const { t } = useTranslation('settings');
  useDocumentTitle(t('title'));
  return (
    <NotHereYet
      icon={Settings}
      title={t('title')}
      intro={t('intro')}
      willDo={[t('willDo.people'), t('willDo.tokens'), t('willDo.profile')]}
      comes={t('comes')}
      today={<Trans t={t} i18nKey="today" components={{ code: <code /> }} />}
    />
  );
}
