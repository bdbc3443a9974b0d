/** A node's live counts as the canvas draws them (contract B's `nodes[id]`). */
export interface NodeCounts {
  readonly running: number;
  readonly waiting: number;
  /** Runs that left by each port within the window. */
  readonly ports: Readonly<Record<string, number>>;
}

/** The path one run (or a test's runs) took: nodes visited (how often), ports left by, where it is now. */
export interface RunPath {
  readonly visits: ReadonlyMap<string, number>;
  /** `nodeId:port` of every port a visit left by. */
  readonly ports: ReadonlySet<string>;
  /** Nodes a run of the path is at now (running or waiting there). */
  readonly at: ReadonlySet<string>;
}

/**
 * What the canvas draws over the document that is not the document: a published flow's live
 * counts and a run's path. Kept apart from the flow store, so none of it enters undo, and compared
 * by value per node, so a refresh of the counts rebuilds only the cards whose numbers moved.
 */
export interface CanvasLive {
  readonly counts?: ReadonlyMap<string, NodeCounts>;
  /** The window the port counts cover. */
  readonly window?: '1h' | '24h' | '7d';
  readonly path?: RunPath;
}
