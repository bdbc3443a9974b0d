import { Link } from '@tanstack/react-router';
import { Archive, ArchiveRestore, Copy, MoreHorizontal, PencilLine, SquareArrowOutUpRight } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { useTranslation } from 'react-i18next';
import menus from '../shell/menus.module.css';
import buttons from '../ui/buttons.module.css';
import type { WorkflowSummary } from './flow-status.ts';

export type FlowAction = 'rename' | 'duplicate' | 'archive';

/** A flow's row menu for people who may change flows. Rename and archive open a dialog; duplicate happens at once. */
export function FlowActions({ flow, onChoose }: { readonly flow: WorkflowSummary; onChoose(action: FlowAction): void }) {
  const { t } = useTranslation('flows');
  const isArchived = flow.archivedAt !== null;
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className={buttons.icon} aria-label={t('actions.menu', { name: flow.name })}>
        <MoreHorizontal size={18} aria-hidden="true" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className={menus.content} align="end" sideOffset={4}>
          <DropdownMenu.Item className={menus.item} asChild>
            <Link to="/flows/$flowId" params={{ flowId: flow.id }}>
              <SquareArrowOutUpRight size={16} aria-hidden="true" />
              <span>{t('actions.open')}</span>
            </Link>
          </DropdownMenu.Item>
          {/* An archived flow cannot be edited, renaming included, until it is restored. */}
          {!isArchived && (
            <DropdownMenu.Item className={menus.item} onSelect={() => onChoose('rename')}>
              <PencilLine size={16} aria-hidden="true" />
              <span>{t('actions.rename')}</span>
            </DropdownMenu.Item>
          )}
          <DropdownMenu.Item className={menus.item} onSelect={() => onChoose('duplicate')}>
            <Copy size={16} aria-hidden="true" />
            <span>{t('actions.duplicate')}</span>
          </DropdownMenu.Item>
          <DropdownMenu.Separator className={menus.separator} />
          {isArchived ? (
            <DropdownMenu.Item className={menus.item} onSelect={() => onChoose('archive')}>
              <ArchiveRestore size={16} aria-hidden="true" />
              <span>{t('actions.restore')}</span>
            </DropdownMenu.Item>
          ) : (
            <DropdownMenu.Item className={menus.dangerItem} onSelect={() => onChoose('archive')}>
              <Archive size={16} aria-hidden="true" />
              <span>{t('actions.archive')}</span>
            </DropdownMenu.Item>
          )}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
