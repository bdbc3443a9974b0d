import { useContext, useMemo } from 'react';
import { SessionContext } from '../session/session.ts';
import { createFormat, type Format } from './format.ts';
import { useLanguage } from './useLanguage.ts';

/** Formatting in the app's language and the signed-in person's time zone (else the browser's). */
export function useFormat(): Format {
  const { language } = useLanguage();
  const timeZone = useContext(SessionContext)?.timeZone;
  return useMemo(() => createFormat(language, timeZone), [language, timeZone]);
}
