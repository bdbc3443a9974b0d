import ElkConstructor, { type ELK, type ElkNode } from 'elkjs/lib/elk-api.js';

let elk: ELK | undefined;

/**
 * Lays a graph out with elkjs in a Web Worker (started on first use, kept for the next), so the
 * canvas keeps drawing while it runs.
 */
export function runLayout(graph: ElkNode): Promise<ElkNode> {
  elk ??= new ElkConstructor({ workerFactory: () => new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' }) });
  return elk.layout(graph);
}
