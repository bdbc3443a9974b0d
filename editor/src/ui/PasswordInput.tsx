import { Eye, EyeOff } from 'lucide-react';
import { type ComponentProps, useState } from 'react';
import { useTranslation } from 'react-i18next';
import styles from './forms.module.css';

/** A password input with a button that shows what was typed, instead of a second field to type it again. */
export function PasswordInput(props: Omit<ComponentProps<'input'>, 'type' | 'className'>) {
  const { t } = useTranslation('ui');
  const [isShown, setShown] = useState(false);
  return (
    <div className={styles.withButton}>
      <input {...props} type={isShown ? 'text' : 'password'} className={styles.input} spellCheck={false} autoCapitalize="off" />
      <button
        type="button"
        className={styles.inputButton}
        aria-label={t('form.showPassword')}
        aria-pressed={isShown}
        aria-controls={props.id}
        onClick={() => setShown((shown) => !shown)}
      >
        {isShown ? <EyeOff size={18} aria-hidden="true" /> : <Eye size={18} aria-hidden="true" />}
      </button>
    </div>
  );
}
