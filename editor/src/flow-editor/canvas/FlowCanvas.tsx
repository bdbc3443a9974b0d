import '@xyflow/react/dist/base.css';
import {
  applyNodeChanges,
  Background,
  BackgroundVariant,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type IsValidConnection,
  MiniMap,
  type NodeChange,
  type NodeTypes,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  type ReactFlowState,
  useReactFlow,
  useStore,
  Controls,
} from '@xyflow/react';
import { Keyboard, LayoutGrid, Map as MapIcon, PanelLeftClose, PanelLeftOpen, Redo2, StickyNote, Undo2 } from 'lucide-react';
import { type DragEvent, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { connect } from '../document/operations.ts';
import { useFlow, useFlowStore } from '../document/flow-store.ts';
import type { Point } from '../document/operations.ts';
import { portLabel, portsOfNode } from '../document/ports.ts';
import { useNodeTypes } from '../node-types.ts';
import { CanvasActionsContext, type CanvasActions } from './CanvasActionsContext.ts';
import type { CanvasLive } from './canvas-live.ts';
import type { CanvasMarks } from './canvas-marks.ts';
import { type CanvasEdge, type CanvasNode, createCanvasModel, GHOST_PREFIX, NOTE_PREFIX, type StepData } from './canvas-model.ts';
import styles from './canvas.module.css';
import { ConnectDialog } from './ConnectDialog.tsx';
import { ConnectionHint } from './ConnectionHint.tsx';
import { connectionRefusal } from './connection-rules.ts';
import { NodeCard } from './NodeCard.tsx';
import { NoteCard } from './NoteCard.tsx';
import { NODE_TYPE_DRAG_TYPE, Palette } from './Palette.tsx';
import { ShortcutSheet } from './ShortcutSheet.tsx';
import { type PendingAdd, useCanvasCommands } from './useCanvasCommands.ts';
import { useCanvasShortcuts } from './useCanvasShortcuts.ts';
import { usePickedNames } from './usePickedNames.ts';

export type { CanvasLive, NodeCounts, RunPath } from './canvas-live.ts';
export type { CanvasMarks } from './canvas-marks.ts';

export interface FlowCanvasProps {
  /** Viewers and shown versions: nothing moves, connects or changes; selecting still opens a step. */
  readonly readOnly?: boolean;
  /** A diff drawn over the flow: added green, changed amber, removed as faded ghosts. */
  readonly marks?: CanvasMarks;
  /** Live counts and a run's path, drawn over the flow without entering the document. */
  readonly live?: CanvasLive;
}

const nodeTypes: NodeTypes = { step: NodeCard, note: NoteCard };
const multiSelectionKeys = ['Shift', 'Meta', 'Control'];
const fitViewOptions = { maxZoom: 1, padding: 0.2 };
const proOptions = { hideAttribution: true };
const defaultEdgeOptions = { type: 'smoothstep', pathOptions: { borderRadius: 12 } };
const snapGrid: [number, number] = [10, 10];
const minimapStyle = { width: 168, height: 112 };

/**
 * The flow drawn as cards and edges, top-down from its trigger, editing the store of the
 * surrounding `FlowStoreProvider`: palette, connections with their rules, selection, clipboard,
 * undo, auto-layout, sticky notes, minimap and a shortcut sheet on `?`.
 *
 * @example
 * <FlowStoreProvider store={store}>
 *   <FlowCanvas />
 * </FlowStoreProvider>
 */
export function FlowCanvas(props: FlowCanvasProps) {
  return (
    <ReactFlowProvider>
      <Canvas {...props} />
    </ReactFlowProvider>
  );
}

function Canvas({ readOnly = false, marks, live }: FlowCanvasProps) {
  const { t } = useTranslation('canvas');
  const store = useFlowStore();
  const flow = useReactFlow<CanvasNode, CanvasEdge>();
  const nodeTypesQuery = useNodeTypes();
  const types = nodeTypesQuery.data;
  const definition = useFlow((state) => state.definition);
  const selection = useFlow((state) => state.selection);
  const problemsByNode = useFlow((state) => state.problemsByNode);
  const focusRequest = useFlow((state) => state.focusRequest);
  const canUndo = useFlow((state) => state.canUndo);
  const canRedo = useFlow((state) => state.canRedo);
  const undoLabel = useFlow((state) => state.undoLabel);
  const redoLabel = useFlow((state) => state.redoLabel);

  const container = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const [selectedEdges, setSelectedEdges] = useState<ReadonlySet<string>>(() => new Set());
  const selectedEdgesRef = useRef(selectedEdges);
  selectedEdgesRef.current = selectedEdges;
  const [announcement, setAnnouncement] = useState('');
  const [pending, setPending] = useState<PendingAdd | null>(null);
  const [connecting, setConnecting] = useState<string | null>(null);
  const [sheetOpen, setSheetOpen] = useState(false);
  // A small flow fits in view, where the overview map would only cover part of it.
  const [minimapShown, setMinimapShown] = useState(() => store.getState().definition.nodes.length > 12);
  const [paletteOpen, setPaletteOpen] = useState(() => typeof window === 'undefined' || window.innerWidth >= 720);

  const announce = useCallback((message: string) => setAnnouncement(message), []);
  const commands = useCanvasCommands({ store, nodeTypes: types, selectedEdges: selectedEdgesRef, container, announce });

  // The document as React Flow's nodes and edges; unchanged ones keep their objects.
  const [build] = useState(createCanvasModel);
  const describe = useCallback(
    (data: StepData) =>
      [
        data.title,
        data.nodeType?.title === data.title ? '' : (data.nodeType?.title ?? data.node.type),
        data.summary,
        data.problemCount > 0 ? t('card.problems', { count: data.problemCount }) : '',
        data.live !== undefined && data.live.waiting > 0 ? t('live.waiting', { count: data.live.waiting }) : '',
        data.live !== undefined && data.live.running > 0 ? t('live.running', { count: data.live.running }) : '',
        ...data.ports.map((port) =>
          port.count === undefined || data.countsWindow === undefined
            ? ''
            : t('live.portCount', { count: port.count, port: port.label, window: t(`live.windows.${data.countsWindow}`) }),
        ),
        data.visits > 0 ? t('path.visited', { count: data.visits }) : '',
        data.isAt ? t('path.here') : '',
      ]
        .filter((part) => part !== '')
        .join(', '),
    [t],
  );
  const countsWindow = live?.window;
  const describeEdge = useCallback(
    (from: string, port: string, to: string, count: number | undefined, taken: boolean) => {
      const label = port === '' ? t('edge.label', { from, to }) : t('edge.labelPort', { from, port, to });
      const parts: string[] = [label];
      if (count !== undefined && countsWindow !== undefined) parts.push(t('live.portCount', { count, port, window: t(`live.windows.${countsWindow}`) }));
      if (taken) parts.push(t('path.taken'));
      return parts.join(', ');
    },
    [t, countsWindow],
  );
  const roles = useMemo(() => ({ step: t('roles.step'), note: t('roles.note'), edge: t('roles.edge') }), [t]);
  const nameOf = usePickedNames(types);
  const model = useMemo(
    () =>
      build({
        definition,
        nodeTypes: types,
        selection,
        selectedEdges,
        problemsByNode,
        marks,
        live,
        readOnly,
        describe,
        describeEdge,
        roles,
        ...(nameOf === undefined ? {} : { nameOf }),
      }),
    [build, definition, types, selection, selectedEdges, problemsByNode, marks, live, readOnly, describe, describeEdge, roles, nameOf],
  );

  // React Flow's own copy of the nodes: their measured sizes and positions mid-drag, which the
  // document does not hold. Each new model is adopted into it.
  const [nodes, setNodes] = useState<CanvasNode[]>(() => [...model.nodes]);
  const dragging = useRef(new Set<string>());
  useLayoutEffect(() => {
    setNodes((previous) => adoptNodes(previous, model.nodes, dragging.current));
  }, [model.nodes]);

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      const local: NodeChange<CanvasNode>[] = [];
      const moves = new Map<string, Point>();
      let byKeyboard = false;
      let selected: { nodeIds: Set<string>; noteIds: Set<string> } | null = null;
      for (const change of changes) {
        if (change.type === 'select') {
          const current = store.getState().selection;
          selected ??= { nodeIds: new Set(current.nodeIds), noteIds: new Set(current.noteIds) };
          const isNote = change.id.startsWith(NOTE_PREFIX);
          const set = isNote ? selected.noteIds : selected.nodeIds;
          const id = isNote ? change.id.slice(NOTE_PREFIX.length) : change.id;
          if (change.id.startsWith(GHOST_PREFIX)) continue;
          if (change.selected) set.add(id);
          else set.delete(id);
        } else if (change.type === 'position') {
          local.push(change);
          if (change.dragging === true) dragging.current.add(change.id);
          else if (change.position !== undefined) {
            if (!dragging.current.has(change.id)) byKeyboard = true;
            dragging.current.delete(change.id);
            moves.set(change.id, change.position);
          }
        } else if (change.type !== 'remove') {
          local.push(change);
        }
      }
      if (local.length > 0) setNodes((current) => applyNodeChanges(local, current));
      if (selected !== null) store.getState().select({ nodeIds: [...selected.nodeIds], noteIds: [...selected.noteIds] });
      if (moves.size > 0) commands.commitMoves(moves, byKeyboard ? `keymove:${[...moves.keys()].join(',')}` : undefined);
    },
    [store, commands],
  );

  const onEdgesChange = useCallback((changes: EdgeChange<CanvasEdge>[]) => {
    setSelectedEdges((current) => {
      let next: Set<string> | null = null;
      for (const change of changes) {
        if (change.type !== 'select' || change.id.startsWith(GHOST_PREFIX)) continue;
        next ??= new Set(current);
        if (change.selected) next.add(change.id);
        else next.delete(change.id);
      }
      return next ?? current;
    });
  }, []);

  const isValidConnection = useCallback<IsValidConnection<CanvasEdge>>(
    (connection) =>
      connectionRefusal(store.getState().definition, types, {
        source: connection.source,
        sourceHandle: connection.sourceHandle ?? null,
        target: connection.target,
      }) === null,
    [store, types],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      const { definition: current } = store.getState();
      const source = current.nodes.find((node) => node.id === connection.source);
      const sourceType = source === undefined ? undefined : types?.get(source.type);
      const sourcePorts = source === undefined || sourceType === undefined ? [] : portsOfNode(source, sourceType);
      store.getState().change(t('history.connect'), (draft) => {
        connect(
          draft,
          { from: connection.source, ...(connection.sourceHandle === null ? {} : { port: connection.sourceHandle }), to: connection.target },
          { sourcePorts },
        );
      });
    },
    [store, types, t],
  );

  // A connection dropped on empty canvas opens the palette to add the step it leads to.
  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid || state.toNode !== null || state.fromHandle?.type !== 'source' || state.fromNode === null || state.fromHandle.id == null) return;
      const point = 'changedTouches' in event ? event.changedTouches[0] : event;
      if (point === undefined) return;
      const at = flow.screenToFlowPosition({ x: point.clientX, y: point.clientY });
      setPending({ nodeId: state.fromNode.id, port: state.fromHandle.id, at: { x: at.x - 120, y: at.y } });
      setPaletteOpen(true);
      requestAnimationFrame(() => searchRef.current?.focus());
    },
    [flow],
  );

  // Dragging a palette entry: over an edge, that edge lights up and the step goes into it.
  const spliceTarget = useRef<Element | null>(null);
  const highlight = (element: Element | null) => {
    if (spliceTarget.current === element) return;
    spliceTarget.current?.classList.remove('sb-splice');
    element?.classList.add('sb-splice');
    spliceTarget.current = element;
  };
  const onDragOver = (event: DragEvent<HTMLDivElement>) => {
    if (readOnly || !event.dataTransfer.types.includes(NODE_TYPE_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    highlight(edgeElementAt(event.clientX, event.clientY));
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    const type = event.dataTransfer.getData(NODE_TYPE_DRAG_TYPE);
    const nodeType = types?.get(type);
    const edgeElement = edgeElementAt(event.clientX, event.clientY);
    highlight(null);
    if (readOnly || nodeType === undefined) return;
    event.preventDefault();
    const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
    const edge = edgeElement === null ? undefined : model.edges.find((each) => each.id === edgeElement.getAttribute('data-id'))?.data?.edge;
    commands.add(nodeType, { at: { x: at.x - 120, y: at.y - 30 }, ...(edge === undefined ? {} : { intoEdge: edge }) });
  };

  // While the view moves, the drawn flow is one composited layer the browser slides instead of
  // painting every card again each frame; at rest it is painted again, crisp at the new zoom.
  const onMoveStart = useCallback(() => container.current?.classList.add(styles.moving ?? ''), []);
  const onMoveEnd = useCallback(() => container.current?.classList.remove(styles.moving ?? ''), []);

  const focusPalette = useCallback(() => {
    setPaletteOpen(true);
    requestAnimationFrame(() => searchRef.current?.focus());
  }, []);

  useCanvasShortcuts({
    store,
    commands,
    container,
    readOnly,
    handlers: {
      openShortcutSheet: () => setSheetOpen(true),
      focusPalette,
      escape: () => {
        setPending(null);
        store.getState().select({ nodeIds: [], noteIds: [] });
        setSelectedEdges(new Set());
      },
    },
  });

  // Keys on a focused card: Enter opens its config, C its connect menu.
  const onKeyDownCapture = (event: React.KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (!target.classList.contains('react-flow__node')) return;
    const id = target.getAttribute('data-id');
    if (id === null || id.startsWith(NOTE_PREFIX) || id.startsWith(GHOST_PREFIX)) return;
    if (event.key === 'Enter' && !event.shiftKey && !event.metaKey && !event.ctrlKey) {
      event.preventDefault();
      event.stopPropagation();
      commands.configure(id);
    } else if (!readOnly && event.key.toLowerCase() === 'c' && !event.metaKey && !event.ctrlKey && !event.altKey) {
      event.preventDefault();
      event.stopPropagation();
      setConnecting(id);
    }
  };

  // "Go to this node": select it and bring it to the middle of the canvas.
  useEffect(() => {
    if (focusRequest === null) return;
    const node = flow.getInternalNode(focusRequest.nodeId);
    if (node === undefined) return;
    store.getState().select({ nodeIds: [focusRequest.nodeId], noteIds: [] });
    const width = node.measured.width ?? 240;
    const height = node.measured.height ?? 90;
    void flow.setCenter(node.internals.positionAbsolute.x + width / 2, node.internals.positionAbsolute.y + height / 2, {
      zoom: Math.max(flow.getZoom(), 0.8),
      duration: 250,
    });
  }, [focusRequest, flow, store]);

  const actions = useMemo<CanvasActions>(
    () => ({
      addAfter: (nodeId, port) => {
        setPending({ nodeId, port });
        focusPalette();
      },
      configure: (nodeId) => commands.configure(nodeId),
      openConnect: (nodeId) => setConnecting(nodeId),
      duplicateNode: (nodeId) => {
        store.getState().select({ nodeIds: [nodeId], noteIds: [] });
        commands.duplicateSelection();
      },
      deleteNode: (nodeId) => {
        store.getState().select({ nodeIds: [nodeId], noteIds: [] });
        setSelectedEdges(new Set());
        commands.deleteSelection();
      },
      editNote: (noteId, patch) => commands.editNote(noteId, patch),
      deleteNote: (noteId) => commands.deleteNotes([noteId]),
    }),
    [commands, store, focusPalette],
  );

  const pendingLabel = useMemo(() => {
    if (pending === null) return null;
    const node = definition.nodes.find((each) => each.id === pending.nodeId);
    const nodeType = node === undefined ? undefined : types?.get(node.type);
    if (node === undefined) return null;
    return t('palette.pending', {
      step: node.name?.trim() || nodeType?.title || node.id,
      port: nodeType === undefined ? pending.port : portLabel(nodeType, node, pending.port),
    });
  }, [pending, definition, types, t]);

  const ariaLabelConfig = useMemo(
    () => ({
      'node.a11yDescription.default': t('a11y.node'),
      'node.a11yDescription.keyboardDisabled': t('a11y.node'),
      'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }: { direction: string; x: number; y: number }) =>
        t('a11y.moved', { direction: t(`a11y.directions.${direction as 'up' | 'down' | 'left' | 'right'}`), x, y }),
      'edge.a11yDescription.default': t('a11y.edge'),
      'controls.ariaLabel': t('controls.label'),
      'controls.zoomIn.ariaLabel': t('controls.zoomIn'),
      'controls.zoomOut.ariaLabel': t('controls.zoomOut'),
      'controls.fitView.ariaLabel': t('controls.fitView'),
      'controls.interactive.ariaLabel': t('controls.interactive'),
      'minimap.ariaLabel': t('controls.minimap'),
      'handle.ariaLabel': t('card.handle'),
    }),
    [t],
  );

  const hasTrigger = useMemo(() => definition.nodes.some((node) => types?.get(node.type)?.kind === 'trigger'), [definition.nodes, types]);

  return (
    <CanvasActionsContext.Provider value={actions}>
      <div className={styles.canvasRoot} data-readonly={readOnly || undefined}>
        {!readOnly && paletteOpen && (
          <div className={styles.paletteColumn}>
            <Palette
              nodeTypes={types}
              isLoading={nodeTypesQuery.isPending}
              hasTrigger={hasTrigger}
              pending={pendingLabel}
              onAdd={(nodeType) => {
                commands.addFromPalette(nodeType, pending);
                setPending(null);
              }}
              onCancelPending={() => setPending(null)}
              onClose={() => setPaletteOpen(false)}
              searchRef={searchRef}
            />
          </div>
        )}
        {/* biome-ignore lint/a11y/noStaticElementInteractions: the keys belong to the focused card inside, which React Flow renders */}
        <div
          ref={container}
          className={styles.flowArea}
          onDragOver={onDragOver}
          onDrop={onDrop}
          onDragLeave={() => highlight(null)}
          onKeyDownCapture={onKeyDownCapture}
        >
          <ReactFlow<CanvasNode, CanvasEdge>
            nodes={nodes}
            edges={model.edges as CanvasEdge[]}
            nodeTypes={nodeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onConnect={onConnect}
            onConnectEnd={onConnectEnd}
            isValidConnection={isValidConnection}
            defaultEdgeOptions={defaultEdgeOptions}
            nodesDraggable={!readOnly}
            nodesConnectable={!readOnly}
            elementsSelectable
            nodesFocusable
            edgesFocusable={!readOnly}
            deleteKeyCode={null}
            zoomOnDoubleClick={false}
            selectionKeyCode="Shift"
            multiSelectionKeyCode={multiSelectionKeys}
            connectionRadius={28}
            snapToGrid
            snapGrid={snapGrid}
            minZoom={0.1}
            maxZoom={2}
            fitView
            fitViewOptions={fitViewOptions}
            proOptions={proOptions}
            ariaLabelConfig={ariaLabelConfig}
            autoPanOnNodeFocus
            onMoveStart={onMoveStart}
            onMoveEnd={onMoveEnd}
          >
            <CanvasBackground />
            <Controls showInteractive={false} position="bottom-left" />
            {minimapShown && (
              <MiniMap pannable zoomable position="bottom-right" className={styles.minimap} nodeClassName={minimapNodeClass} style={minimapStyle} />
            )}
            <Panel position="top-right" className={styles.toolbar}>
              {!readOnly && (
                <>
                  <button
                    type="button"
                    className={styles.toolButton}
                    onClick={() => setPaletteOpen((open) => !open)}
                    aria-pressed={paletteOpen}
                    aria-label={paletteOpen ? t('toolbar.hidePalette') : t('toolbar.showPalette')}
                    title={paletteOpen ? t('toolbar.hidePalette') : t('toolbar.showPalette')}
                  >
                    {paletteOpen ? <PanelLeftClose size={16} aria-hidden="true" /> : <PanelLeftOpen size={16} aria-hidden="true" />}
                  </button>
                  <button
                    type="button"
                    className={styles.toolButton}
                    onClick={() => store.getState().undo()}
                    disabled={!canUndo}
                    aria-label={undoLabel === null ? t('toolbar.undo') : t('toolbar.undoThis', { change: undoLabel })}
                    title={undoLabel === null ? t('toolbar.undo') : t('toolbar.undoThis', { change: undoLabel })}
                  >
                    <Undo2 size={16} aria-hidden="true" />
                  </button>
                  <button
                    type="button"
                    className={styles.toolButton}
                    onClick={() => store.getState().redo()}
                    disabled={!canRedo}
                    aria-label={redoLabel === null ? t('toolbar.redo') : t('toolbar.redoThis', { change: redoLabel })}
                    title={redoLabel === null ? t('toolbar.redo') : t('toolbar.redoThis', { change: redoLabel })}
                  >
                    <Redo2 size={16} aria-hidden="true" />
                  </button>
                  <button
                    type="button"
                    className={styles.toolButton}
                    onClick={() => commands.addNoteAtCentre()}
                    aria-label={t('toolbar.addNote')}
                    title={t('toolbar.addNote')}
                  >
                    <StickyNote size={16} aria-hidden="true" />
                  </button>
                  <button
                    type="button"
                    className={styles.toolButton}
                    onClick={() => void commands.autoLayout()}
                    aria-label={t('toolbar.layout')}
                    title={t('toolbar.layout')}
                  >
                    <LayoutGrid size={16} aria-hidden="true" />
                  </button>
                </>
              )}
              <button
                type="button"
                className={styles.toolButton}
                onClick={() => setMinimapShown((shown) => !shown)}
                aria-pressed={minimapShown}
                aria-label={t('toolbar.minimap')}
                title={t('toolbar.minimap')}
              >
                <MapIcon size={16} aria-hidden="true" />
              </button>
              <button
                type="button"
                className={styles.toolButton}
                onClick={() => setSheetOpen(true)}
                aria-label={t('toolbar.shortcuts')}
                title={t('toolbar.shortcuts')}
              >
                <Keyboard size={16} aria-hidden="true" />
              </button>
            </Panel>
            {!readOnly && <ConnectionHint nodeTypes={types} />}
            {definition.nodes.length === 0 && !readOnly && (
              <Panel position="top-center" className={styles.emptyHint}>
                {t('empty')}
              </Panel>
            )}
          </ReactFlow>
        </div>
        <div role="status" aria-live="polite" className={styles.visuallyHidden}>
          {announcement}
        </div>
        <ShortcutSheet open={sheetOpen} onClose={() => setSheetOpen(false)} />
        {connecting !== null && <ConnectDialog nodeId={connecting} nodeTypes={types} onClose={() => setConnecting(null)} />}
      </div>
    </CanvasActionsContext.Provider>
  );
}

const isZoomedOut = (state: ReactFlowState) => state.transform[2] < 0.4;

/**
 * The dotted grid, left out when zoomed far out: there its dots would be a pixel apart, costly
 * to paint on every frame of a pan and no help for placing a card.
 */
function CanvasBackground() {
  const zoomedOut = useStore(isZoomedOut);
  return zoomedOut ? null : <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} className={styles.background} />;
}

function minimapNodeClass(node: CanvasNode): string {
  if (node.type === 'note') return 'sb-minimap-note';
  return node.data.mark === undefined ? 'sb-minimap-step' : `sb-minimap-${node.data.mark}`;
}

/**
 * The model's new nodes, keeping what React Flow knows that the document does not: a node's
 * measured size (so it does not flash while measured again) and, mid-drag, where it is now.
 */
function adoptNodes(previous: readonly CanvasNode[], next: readonly CanvasNode[], dragging: ReadonlySet<string>): CanvasNode[] {
  const byId = new Map(previous.map((node) => [node.id, node]));
  let same = previous.length === next.length;
  const adopted = next.map((node, index) => {
    const before = byId.get(node.id);
    let result = node;
    if (before !== undefined) {
      const keepPosition = dragging.has(node.id);
      if (before.data === node.data && before.selected === node.selected && (keepPosition || samePoint(before.position, node.position))) result = before;
      else if (before.measured !== undefined || keepPosition)
        result = {
          ...node,
          ...(before.measured === undefined ? {} : { measured: before.measured }),
          ...(keepPosition ? { position: before.position } : {}),
        } as CanvasNode;
    }
    if (result !== previous[index]) same = false;
    return result;
  });
  return same ? (previous as CanvasNode[]) : adopted;
}

function samePoint(a: Point, b: Point): boolean {
  return a.x === b.x && a.y === b.y;
}

function edgeElementAt(x: number, y: number): Element | null {
  for (const element of document.elementsFromPoint(x, y)) {
    const edge = element.closest('.react-flow__edge');
    if (edge !== null && !edge.getAttribute('data-id')?.startsWith(GHOST_PREFIX)) return edge;
    if (element.classList.contains('react-flow__node')) continue;
  }
  return null;
}
