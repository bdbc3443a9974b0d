import { X } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import buttons from '../ui/buttons.module.css';
import { ConfigPanel } from './config/ConfigPanel.tsx';
import { useFlow } from './document/flow-store.ts';
import { OutlineView } from './outline/OutlineView.tsx';
import { ProblemsPanel } from './problems/ProblemsPanel.tsx';
import type { Conflict } from './saving/draft-saver.ts';
import type { WorkflowDraft } from './saving/save-over-api.ts';
import styles from './SidePanel.module.css';
import type { CanvasMarks } from './versions/canvas-marks.ts';
import { VersionHistory } from './versions/VersionHistory.tsx';

export type PanelName = 'step' | 'problems' | 'outline' | 'versions' | 'test';

export interface SidePanelProps {
  readonly panel: PanelName;
  onPanel(panel: PanelName | null): void;
  readonly workflowId: string;
  /** The draft's revision now (it moves with every save), for a restore's If-Match. */
  revision(): number;
  readonly readOnly: boolean;
  readonly activeVersion: number | null;
  onShowDiff(marks: CanvasMarks | null): void;
  onRestored(draft: WorkflowDraft, version: number): void;
  onConflict(conflict: Conflict): void;
  /** The test chat, held by the editor so that it lives on while another panel is shown. */
  readonly testChat: ReactNode;
}

/** The panel beside the canvas: the chosen step's settings, the problems, the outline or the versions. */
export function SidePanel({ panel, onPanel, workflowId, revision, readOnly, activeVersion, onShowDiff, onRestored, onConflict, testChat }: SidePanelProps) {
  const { t } = useTranslation('flowEditor');
  const selected = useFlow((state) => (state.selection.nodeIds.length === 1 ? (state.selection.nodeIds[0] ?? null) : null));
  const draft = useFlow((state) => state.definition);
  const titles: Record<PanelName, string> = {
    step: t('actions.settings'),
    problems: t('problems.title'),
    outline: t('actions.outline'),
    versions: t('actions.history'),
    test: t('panels.test'),
  };
  return (
    <aside className={styles.panel} aria-labelledby="side-panel-title" data-panel={panel}>
      <div className={styles.header}>
        <h2 id="side-panel-title" className={styles.title}>
          {titles[panel]}
        </h2>
        <button type="button" className={buttons.icon} aria-label={t('panels.close')} onClick={() => onPanel(null)}>
          <X size={18} aria-hidden="true" />
        </button>
      </div>
      <div className={styles.body}>
        {panel === 'step' &&
          (selected === null ? (
            <p className={styles.empty}>{t('panels.noneSelected')}</p>
          ) : (
            <ConfigPanel key={selected} nodeId={selected} readOnly={readOnly} />
          ))}
        {panel === 'problems' && <ProblemsPanel />}
        {panel === 'test' && testChat}
        {panel === 'outline' && <OutlineView readOnly={readOnly} />}
        {panel === 'versions' && (
          <VersionHistory
            workflowId={workflowId}
            revision={revision()}
            draft={draft}
            activeVersion={activeVersion}
            readOnly={readOnly}
            onShowDiff={onShowDiff}
            onRestored={onRestored}
            onConflict={onConflict}
          />
        )}
      </div>
    </aside>
  );
}
