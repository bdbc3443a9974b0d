import { Check, ChevronDown, Languages } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { useTranslation } from 'react-i18next';
import { isLanguage, languages } from '../i18n/languages.ts';
import { useLanguage } from '../i18n/useLanguage.ts';
import { useSession } from '../session/useSession.ts';
import styles from './menus.module.css';

/**
 * Switches the app's language at once. The choice is kept in this browser and, for a signed-in
 * person, with their account, so it follows them to another browser.
 */
export function LanguageMenu() {
  const { t } = useTranslation();
  const { language, setLanguage } = useLanguage();
  const session = useSession();
  const current = languages.find((entry) => entry.code === language) ?? languages[0];
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className={styles.trigger} aria-label={t('language.button', { language: current.name })}>
        <Languages size={16} aria-hidden="true" />
        <span>{current.name}</span>
        <ChevronDown size={14} aria-hidden="true" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className={styles.content} align="end" sideOffset={6}>
          <DropdownMenu.Label className={styles.label}>{t('language.label')}</DropdownMenu.Label>
          <DropdownMenu.RadioGroup
            value={language}
            onValueChange={(value) => {
              if (!isLanguage(value)) return;
              setLanguage(value);
              // The app has switched already; the account follows. Should saving fail, the
              // next sign-in opens in the language the account still has.
              if (session !== undefined && session.language !== value) void session.updateProfile({ language: value }).catch(() => undefined);
            }}
          >
            {languages.map((entry) => (
              <DropdownMenu.RadioItem key={entry.code} value={entry.code} lang={entry.code} className={styles.item}>
                <span>{entry.name}</span>
                <DropdownMenu.ItemIndicator className={styles.indicator}>
                  <Check size={16} aria-hidden="true" />
                </DropdownMenu.ItemIndicator>
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
