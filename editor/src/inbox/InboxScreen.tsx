import { Inbox } from 'lucide-react';
import { Trans, useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../shell/useDocumentTitle.ts';
import { NotHereYet } from '../ui/NotHereYet.tsx';

export function InboxScreen() {
  const { t } = useTranslation('inbox');
  useDocumentTitle(t('title'));
  return (
    <NotHereYet
      icon={Inbox}
      title={t('title')}
      intro={t('intro')}
      willDo={[t('willDo.conversations'), t('willDo.contacts'), t('willDo.status')]}
      comes={t('comes')}
      today={<Trans t={t} i18nKey="today" components={{ code: <code /> }} />}
    />
  );
}
