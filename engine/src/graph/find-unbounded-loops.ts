/**
 * Finds cycles that could spin forever: those that take no bounded edge, an
 * edge that is a jump (a jump carries its own iteration cap) or that leaves a
 * node by a port it takes only after a real pause. Returns one concrete cycle
 * per offending strongly connected component, as node ids in order, so the
 * error can spell the loop out (`a -> b -> a`).
 */
export function findUnboundedLoops(
  successors: ReadonlyMap<string, readonly string[]>,
  boundedEdges: readonly { readonly from: string; readonly to: string }[],
): string[][] {
  // The graph that remains once bounded edges are taken out (one occurrence each: two ports of a
  // node may lead to the same node, one after a wait, one at once): any cycle left is unbounded.
  const graph = new Map<string, string[]>();
  for (const [from, targets] of successors) {
    const remaining = [...targets];
    for (const edge of boundedEdges) {
      if (edge.from !== from) continue;
      const at = remaining.indexOf(edge.to);
      if (at >= 0) remaining.splice(at, 1);
    }
    graph.set(from, remaining);
  }
  return stronglyConnectedComponents(graph)
    .filter((component) => component.length > 1 || (graph.get(component[0] as string) ?? []).includes(component[0] as string))
    .map((component) => cycleWithin(graph, new Set(component)));
}

/** Tarjan's algorithm, iterative so a long chain of nodes can't overflow the stack. */
function stronglyConnectedComponents(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work: { node: string; next: number }[] = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter);
    counter += 1;
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { node: string; next: number };
      const targets = graph.get(frame.node) ?? [];
      if (frame.next < targets.length) {
        const to = targets[frame.next] as string;
        frame.next += 1;
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter);
          counter += 1;
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node) as number, index.get(to) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(frame.node) as number));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string | undefined;
        do {
          member = stack.pop() as string;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component.reverse());
      }
    }
  }
  return components;
}

/** One simple cycle inside a strongly connected component, starting at its first member. */
function cycleWithin(graph: ReadonlyMap<string, readonly string[]>, members: ReadonlySet<string>): string[] {
  const start = [...members][0] as string;
  const parent = new Map<string, string>();
  const queue = [start];
  const seen = new Set([start]);
  while (queue.length > 0) {
    const node = queue.shift() as string;
    for (const to of graph.get(node) ?? []) {
      if (!members.has(to)) continue;
      if (to === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(parent.get(path[0] as string) as string);
        return path;
      }
      if (!seen.has(to)) {
        seen.add(to);
        parent.set(to, node);
        queue.push(to);
      }
    }
  }
  return [start];
}
