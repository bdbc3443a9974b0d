import { useTranslation } from 'react-i18next';
import type { Role } from '../session/session.ts';
import forms from '../ui/forms.module.css';
import { roles } from './roles.ts';

/** The four roles as radio choices, each with what it may do, so nobody has to guess what "viewer" means. */
export function RoleChoices({ name, value, onChange }: { readonly name: string; readonly value: Role; onChange(role: Role): void }) {
  const { t } = useTranslation('settings');
  const { t: tShell } = useTranslation('shell');
  return (
    <fieldset className={forms.choices}>
      <legend className={forms.legend}>{t('roles.label')}</legend>
      {roles.map((role) => (
        <label key={role} className={forms.choice}>
          <input
            type="radio"
            name={name}
            value={role}
            checked={value === role}
            onChange={() => onChange(role)}
            aria-labelledby={`${name}-${role}-title`}
            aria-describedby={`${name}-${role}-text`}
          />
          <span id={`${name}-${role}-title`} className={forms.choiceTitle}>
            {tShell(`account.roles.${role}`)}
          </span>
          <span id={`${name}-${role}-text`} className={forms.choiceText}>
            {t(`roles.${role}`)}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
