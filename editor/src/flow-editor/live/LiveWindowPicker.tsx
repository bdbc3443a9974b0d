import { Activity } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { LIVE_WINDOWS, type LiveWindow } from '../../api/pending-api.ts';
import styles from '../EditorToolbar.module.css';

/** The toolbar's choice of the window the ports' counts cover; the address keeps it. */
export function LiveWindowPicker({ value, onChange }: { readonly value: LiveWindow; onChange(window: LiveWindow): void }) {
  const { t } = useTranslation('flowEditor');
  return (
    <label className={styles.liveWindow} title={t('live.hint')}>
      <Activity size={16} aria-hidden="true" />
      <span className={styles.panelLabel}>{t('live.label')}</span>
      <select value={value} aria-label={t('live.window')} onChange={(event) => onChange(event.target.value as LiveWindow)} data-testid="live-window">
        {LIVE_WINDOWS.map((window) => (
          <option key={window} value={window}>
            {t(`live.windows.${window}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
