import type { BadgeTone } from '../ui/Badge.tsx';
import type { RunStatus } from './runs-search.ts';

export const STATUS_TONE: Readonly<Record<RunStatus, BadgeTone>> = {
  running: 'primary',
  waiting: 'warning',
  completed: 'ok',
  failed: 'danger',
  cancelled: 'neutral',
};

/** "850 ms", "12.4 s", "3 min 5 s", "2 h 10 min": a duration read at a glance. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min ${Math.floor((ms % 60_000) / 1000)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function isInFlight(status: RunStatus): boolean {
  return status === 'running' || status === 'waiting';
}
