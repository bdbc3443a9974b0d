import type { TFunction } from 'i18next';
import { VisuallyHidden } from 'radix-ui';
import { useTranslation } from 'react-i18next';
import { type ServerHealth, useServerHealth } from '../api/useServerHealth.ts';
import type { Format } from '../i18n/format.ts';
import { useFormat } from '../i18n/useFormat.ts';
import styles from './ServerStatus.module.css';

/** Whether the server and its database answer, kept current; a screen reader hears when that changes. */
export function ServerStatus() {
  const { t } = useTranslation();
  const format = useFormat();
  const { data: health } = useServerHealth();
  const [label, detail] = describe(health, t, format);
  return (
    <p className={styles.status} data-status={health?.status ?? 'checking'} title={detail}>
      <span className={styles.dot} aria-hidden="true" />
      {/* Only the state is live: the check time changes every 30 s and must not be read out each time. */}
      <span role="status">{label}</span>
      {detail !== '' && <VisuallyHidden.Root>{detail}</VisuallyHidden.Root>}
    </p>
  );
}

function describe(health: ServerHealth | undefined, t: TFunction, format: Format): readonly [label: string, detail: string] {
  if (health === undefined) return [t('server.checking'), ''];
  const time = { time: format.time(health.checkedAt, 'seconds') };
  switch (health.status) {
    case 'up':
      return [t('server.up'), t('server.upDetail', time)];
    case 'database-down':
      return [t('server.databaseDown'), t('server.databaseDownDetail', time)];
    case 'unreachable':
      return [t('server.unreachable'), t('server.unreachableDetail', time)];
  }
}
