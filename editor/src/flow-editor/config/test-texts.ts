import i18next, { type TFunction } from 'i18next';
import { namespaces, resources } from '../../i18n/resources.ts';

/** The flowConfig catalogue in `language`, for unit tests of what builds messages. */
export function testTexts(language: 'en' | 'es'): { readonly t: TFunction<'flowConfig'>; readonly language: string } {
  const instance = i18next.createInstance();
  void instance.init({ resources, ns: namespaces, lng: language, fallbackLng: 'en', interpolation: { escapeValue: false }, initAsync: false });
  return { t: instance.getFixedT(language, 'flowConfig'), language };
}
