import { Check, Copy } from 'lucide-react';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import buttons from './buttons.module.css';
import styles from './CopyField.module.css';
import forms from './forms.module.css';

/**
 * A value to take away (an invite link, a new API token), read-only, with a button that copies it.
 * Where the browser keeps the clipboard from the page (plain http on another machine), the text is
 * selected instead so Ctrl-C copies it, and the person is told so.
 */
export function CopyField({ label, value }: { readonly label: string; readonly value: string }) {
  const { t } = useTranslation('ui');
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [outcome, setOutcome] = useState<'idle' | 'copied' | 'selected'>('idle');
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(value);
      setOutcome('copied');
    } catch {
      input.current?.select();
      setOutcome('selected');
    }
  };
  return (
    <div className={forms.field}>
      <label className={forms.label} htmlFor={id}>
        {label}
      </label>
      <div className={styles.row}>
        <input ref={input} id={id} className={forms.input} value={value} readOnly onFocus={(event) => event.currentTarget.select()} spellCheck={false} />
        <button type="button" className={buttons.secondary} onClick={() => void copy()}>
          {outcome === 'copied' ? <Check size={16} aria-hidden="true" /> : <Copy size={16} aria-hidden="true" />}
          {outcome === 'copied' ? t('copy.copied') : t('copy.button')}
        </button>
      </div>
      <p className={forms.hint} role="status">
        {outcome === 'selected' ? t('copy.selected') : ''}
      </p>
    </div>
  );
}
