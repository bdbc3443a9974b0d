import { LayoutTemplate } from 'lucide-react';
import { Trans, useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../shell/useDocumentTitle.ts';
import { NotHereYet } from '../ui/NotHereYet.tsx';

export function TemplatesScreen() {
  const { t } = useTranslation('templates');
  useDocumentTitle(t('title'));
  return (
    <NotHereYet
      icon={LayoutTemplate}
      title={t('title')}
      intro={t('intro')}
      willDo={[t('willDo.gallery'), t('willDo.import')]}
      comes={t('comes')}
      today={<Trans t={t} i18nKey="today" components={{ code: <code /> }} />}
    />
  );
}
