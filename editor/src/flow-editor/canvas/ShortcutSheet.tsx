import { useTranslation } from 'react-i18next';
import { ModalDialog } from '../../ui/ModalDialog.tsx';
import styles from './canvas.module.css';

/** Every shortcut the canvas answers, in the order the sheet lists them; `mod` is Ctrl, or ⌘ on a Mac. */
const shortcuts = [
  ['add', ['/']],
  ['open', ['Enter']],
  ['connect', ['C']],
  ['move', ['←↑→↓']],
  ['moveFar', ['Shift', '←↑→↓']],
  ['delete', ['Delete']],
  ['selectMore', ['Shift', 'click']],
  ['selectBox', ['Shift', 'drag']],
  ['selectAll', ['mod', 'A']],
  ['copy', ['mod', 'C']],
  ['cut', ['mod', 'X']],
  ['paste', ['mod', 'V']],
  ['duplicate', ['mod', 'D']],
  ['undo', ['mod', 'Z']],
  ['redo', ['mod', 'Shift', 'Z']],
  ['redoAlt', ['Ctrl', 'Y']],
  ['note', ['Shift', 'N']],
  ['layout', ['Shift', 'L']],
  ['fit', ['Shift', '1']],
  ['zoomIn', ['+']],
  ['zoomOut', ['-']],
  ['escape', ['Esc']],
  ['sheet', ['?']],
] as const;

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The sheet `?` opens: every shortcut and what it does. */
export function ShortcutSheet({ open, onClose }: { readonly open: boolean; onClose(): void }) {
  const { t } = useTranslation('canvas');
  return (
    <ModalDialog open={open} onOpenChange={(isOpen) => !isOpen && onClose()} title={t('shortcuts.title')} description={t('shortcuts.intro')}>
      <table className={styles.shortcutTable}>
        <thead>
          <tr>
            <th scope="col">{t('shortcuts.keys')}</th>
            <th scope="col">{t('shortcuts.action')}</th>
          </tr>
        </thead>
        <tbody>
          {shortcuts.map(([name, keys]) => (
            <tr key={name}>
              <td>
                {keys.map((key, index) => (
                  <span key={key}>
                    {index > 0 && ' + '}
                    <kbd className={styles.kbd}>{key === 'mod' ? (isMac ? '⌘' : 'Ctrl') : key === 'click' || key === 'drag' ? t(`shortcuts.${key}`) : key}</kbd>
                  </span>
                ))}
              </td>
              <td>{t(`shortcuts.actions.${name}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ModalDialog>
  );
}
