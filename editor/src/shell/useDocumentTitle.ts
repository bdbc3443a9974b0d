import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** The browser tab's title for the screen on show ("Flujos · Switchboard"), in the app's language. */
export function useDocumentTitle(screen: string): void {
  const { t } = useTranslation();
  const title = t('documentTitle', { screen });
  useEffect(() => {
    document.title = title;
  }, [title]);
}
