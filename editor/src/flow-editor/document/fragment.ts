import type { StickyNote, StickyNoteColor, WorkflowEdge, WorkflowNode } from '@switchboard/engine/graph';
import type { FlowDefinition, FlowSelection } from './flow-store.ts';
import { STICKY_NOTE_COLORS } from './operations.ts';

/**
 * A piece of a flow on the clipboard: selected nodes, the edges between them, selected notes. Plain
 * definition JSON with a marker, so it pastes into another flow, another tab or a text file.
 */
export interface FlowFragment {
  readonly switchboard: 'flow-fragment';
  readonly nodes: readonly WorkflowNode[];
  readonly edges: readonly WorkflowEdge[];
  readonly notes: readonly StickyNote[];
}

/** The selected nodes, the edges that join two of them, and the selected notes. */
export function copyFragment(definition: FlowDefinition, selection: FlowSelection): FlowFragment {
  const nodeIds = new Set(selection.nodeIds);
  const noteIds = new Set(selection.noteIds);
  return {
    switchboard: 'flow-fragment',
    nodes: definition.nodes.filter((node) => nodeIds.has(node.id)),
    edges: definition.edges.filter((edge) => nodeIds.has(edge.from) && nodeIds.has(edge.to)),
    notes: (definition.notes ?? []).filter((note) => noteIds.has(note.id)),
  };
}

/**
 * Reads a fragment from clipboard text, or null when the text is not one. Checks the shape it
 * relies on (ids, types, positions, note texts) and drops what does not fit; what the config
 * holds is the node's schema's to judge once pasted.
 */
export function parseFragment(text: string): FlowFragment | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(value) || value['switchboard'] !== 'flow-fragment') return null;
  const nodes = arrayOf(value['nodes']).flatMap((node): WorkflowNode[] => {
    if (!isRecord(node) || typeof node['id'] !== 'string' || typeof node['type'] !== 'string') return [];
    const config = isRecord(node['config']) ? node['config'] : {};
    const position = isPoint(node['position']) ? { x: node['position'].x, y: node['position'].y } : undefined;
    return [
      {
        id: node['id'],
        type: node['type'],
        config,
        ...(typeof node['name'] === 'string' ? { name: node['name'] } : {}),
        ...(typeof node['timeoutMs'] === 'number' ? { timeoutMs: node['timeoutMs'] } : {}),
        ...(position === undefined ? {} : { position }),
      },
    ];
  });
  const edges = arrayOf(value['edges']).flatMap((edge): WorkflowEdge[] => {
    if (!isRecord(edge) || typeof edge['from'] !== 'string' || typeof edge['to'] !== 'string') return [];
    return [{ from: edge['from'], to: edge['to'], ...(typeof edge['port'] === 'string' ? { port: edge['port'] } : {}) }];
  });
  const notes = arrayOf(value['notes']).flatMap((note): StickyNote[] => {
    if (!isRecord(note) || typeof note['id'] !== 'string' || typeof note['text'] !== 'string' || !isPoint(note)) return [];
    return [
      {
        id: note['id'],
        text: note['text'],
        x: note.x,
        y: note.y,
        ...(typeof note['width'] === 'number' ? { width: note['width'] } : {}),
        ...(typeof note['height'] === 'number' ? { height: note['height'] } : {}),
        ...(isNoteColor(note['color']) ? { color: note['color'] } : {}),
      },
    ];
  });
  if (nodes.length === 0 && notes.length === 0) return null;
  return { switchboard: 'flow-fragment', nodes, edges, notes };
}

function isNoteColor(value: unknown): value is StickyNoteColor {
  return STICKY_NOTE_COLORS.includes(value as StickyNoteColor);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPoint(value: unknown): value is Record<string, unknown> & { x: number; y: number } {
  return isRecord(value) && Number.isFinite(value['x']) && Number.isFinite(value['y']);
}

function arrayOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}
