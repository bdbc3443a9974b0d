import { Menu, X } from 'lucide-react';
import { Dialog } from 'radix-ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Brand } from './Brand.tsx';
import styles from './NavDrawer.module.css';
import { SideNav } from './SideNav.tsx';
import { SidebarFooter } from './SidebarFooter.tsx';

/** The navigation on a narrow screen: a menu button that opens it as a modal drawer (focus kept inside, Esc closes). */
export function NavDrawer() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger className={styles.menuButton} aria-label={t('menu.open')}>
        <Menu size={20} aria-hidden="true" />
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className={styles.overlay} />
        <Dialog.Content className={styles.drawer} aria-describedby={undefined}>
          <div className={styles.top}>
            <Dialog.Title className={styles.title}>
              <Brand />
            </Dialog.Title>
            <Dialog.Close className={styles.close} aria-label={t('menu.close')}>
              <X size={20} aria-hidden="true" />
            </Dialog.Close>
          </div>
          <SideNav onNavigate={() => setOpen(false)} />
          <SidebarFooter />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
