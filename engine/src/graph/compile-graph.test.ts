import { describe, expect, it } from 'vitest';
import { defineNode, Type } from '../sdk.ts';
import { compileGraph } from './compile-graph.ts';
import { createNodeCatalog } from './node-catalog.ts';

const start = defineNode({
  type: 'test.start',
  title: 'Start',
  category: 'Test',
  description: 'Trigger.',
  kind: 'trigger',
  configSchema: Type.Object({}),
  ports: ['next'],
  trigger: { source: 'manual' },
});
const say = defineNode({
  type: 'test.say',
  title: 'Say',
  category: 'Test',
  description: 'Step with a required text.',
  kind: 'step',
  configSchema: Type.Object({ text: Type.String({ minLength: 1 }), times: Type.Integer({ default: 1 }) }),
  ports: ['next'],
  run: (ctx) => ctx.next('next'),
});
const hours = defineNode({
  type: 'test.hours',
  title: 'Hours',
  category: 'Test',
  description: 'Two ports.',
  kind: 'step',
  configSchema: Type.Object({}),
  ports: ['open', 'closed'],
  run: (ctx) => ctx.next('open'),
});
const pause = defineNode({
  type: 'test.pause',
  title: 'Pause',
  category: 'Test',
  description: 'Waits.',
  kind: 'step',
  waits: true,
  configSchema: Type.Object({}),
  ports: ['next'],
  run: (ctx) => ctx.wait({ until: new Date() }),
});
const jump = defineNode({
  type: 'test.jump',
  title: 'Jump',
  category: 'Test',
  description: 'Bounded jump.',
  kind: 'step',
  configSchema: Type.Object({ target: Type.String(), maxIterations: Type.Integer({ default: 3 }) }),
  ports: ['exhausted'],
  jump: (config) => ({ target: config.target, maxIterations: config.maxIterations }),
  run: (ctx) => ctx.jump(ctx.config.target),
});
/** A custom node's own delay: a number of seconds, or a template only the run knows; only a known positive one waits. */
const delay = defineNode({
  type: 'test.delay',
  title: 'Delay',
  category: 'Test',
  description: 'Waits some seconds.',
  kind: 'step',
  configSchema: Type.Object({ seconds: Type.Union([Type.Integer({ minimum: 0 }), Type.String()]) }),
  ports: ['next'],
  waits: (config) => typeof config.seconds === 'number' && config.seconds > 0,
  run: (ctx) => ctx.wait({ until: new Date(ctx.now.getTime() + Number(ctx.config.seconds) * 1000) }),
});
/** Leaves by `assigned` at once when it can, by `timeout` only after queueing a while. */
const queue = defineNode({
  type: 'test.queue',
  title: 'Queue',
  category: 'Test',
  description: 'Assigns, or waits in a queue.',
  kind: 'step',
  configSchema: Type.Object({}),
  ports: ['assigned', 'timeout'],
  waits: ['timeout'],
  run: (ctx) => ctx.next('assigned'),
});
const catalog = createNodeCatalog([start, say, hours, pause, jump, delay, queue].map((node) => ({ node, source: 'test pack' })));

const node = (id: string, type: string, config: Record<string, unknown> = {}) => ({ id, type, config });
const issuesOf = (document: unknown) => {
  const result = compileGraph(document, catalog);
  if (result.ok) throw new Error('expected the document to be rejected');
  return result.issues.map((issue) => ({ path: issue.path, code: issue.code }));
};

describe('compileGraph', () => {
  it('compiles a valid graph, filling config defaults and resolving default ports', () => {
    const result = compileGraph(
      { name: 'ok', nodes: [node('start', 'test.start'), node('say', 'test.say', { text: 'hi' })], edges: [{ from: 'start', to: 'say' }] },
      catalog,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.graph).toMatchObject({ triggerId: 'start', next: { start: { next: 'say' } }, reentry: 'ignore', maxSteps: 1000 });
    expect(result.graph.nodes.say?.config).toEqual({ text: 'hi', times: 1 });
  });

  it('compiles the same graph whatever the canvas layout: positions and sticky notes are ignored', () => {
    const plain = { name: 'ok', nodes: [node('start', 'test.start'), node('say', 'test.say', { text: 'hi' })], edges: [{ from: 'start', to: 'say' }] };
    const laidOut = {
      ...plain,
      nodes: plain.nodes.map((item, index) => ({ ...item, position: { x: index * 240, y: 40 } })),
      notes: [{ id: 'why', text: 'Say hi first', x: 300, y: 0, color: 'blue' }],
    };
    const [withoutLayout, withLayout] = [compileGraph(plain, catalog), compileGraph(laidOut, catalog)];
    expect(withLayout.ok && withoutLayout.ok).toBe(true);
    if (!withLayout.ok || !withoutLayout.ok) return;
    expect(withLayout.graph).toEqual(withoutLayout.graph);
  });

  it('reports document shape errors with pointers, including missing and unknown properties', () => {
    expect(issuesOf({ nodes: [{ id: 'a', type: 'test.start', config: {}, colour: 'red' }], edges: [] })).toEqual([
      { path: '/name', code: 'DEFINITION_INVALID' },
      { path: '/nodes/0/colour', code: 'DEFINITION_INVALID' },
    ]);
  });

  it('rejects an edge from an unknown port with its pointer and names the ports the node has', () => {
    const result = compileGraph(
      {
        name: 'bad port',
        nodes: [node('start', 'test.start'), node('hours', 'test.hours'), node('say', 'test.say', { text: 'x' })],
        edges: [
          { from: 'start', to: 'hours' },
          { from: 'hours', port: 'closed_today', to: 'say' },
        ],
      },
      catalog,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toContainEqual({
      path: '/edges/1/port',
      code: 'GRAPH_UNKNOWN_PORT',
      message: 'Edge /edges/1 uses port "closed_today", but node "hours" (test.hours) has ports open, closed.',
    });
  });

  it('requires a port on an edge from a node with several', () => {
    expect(
      issuesOf({
        name: 'x',
        nodes: [node('start', 'test.start'), node('hours', 'test.hours'), node('say', 'test.say', { text: 'x' })],
        edges: [
          { from: 'start', to: 'hours' },
          { from: 'hours', to: 'say' },
        ],
      }),
    ).toContainEqual({ path: '/edges/1', code: 'GRAPH_UNKNOWN_PORT' });
  });

  it('prefixes config errors with the node pointer', () => {
    expect(issuesOf({ name: 'x', nodes: [node('start', 'test.start'), node('say', 'test.say', { text: '' })], edges: [{ from: 'start', to: 'say' }] })).toEqual(
      [{ path: '/nodes/1/config/text', code: 'CONFIG_INVALID' }],
    );
  });

  it('reports unknown node types, missing and extra triggers, dangling edges and duplicate ids', () => {
    expect(
      issuesOf({
        name: 'x',
        nodes: [node('start', 'test.start'), node('again', 'test.start'), node('mystery', 'test.nope'), node('start', 'test.say', { text: 'x' })],
        edges: [{ from: 'start', to: 'ghost' }],
      }),
    ).toEqual(
      expect.arrayContaining([
        { path: '/nodes/2/type', code: 'GRAPH_UNKNOWN_NODE_TYPE' },
        { path: '/nodes/3/id', code: 'GRAPH_DUPLICATE_NODE_ID' },
        { path: '/nodes/1/type', code: 'GRAPH_MULTIPLE_TRIGGERS' },
        { path: '/edges/0/to', code: 'GRAPH_DANGLING_EDGE' },
      ]),
    );
    expect(issuesOf({ name: 'x', nodes: [node('say', 'test.say', { text: 'x' })], edges: [] })).toContainEqual({ path: '/nodes', code: 'GRAPH_NO_TRIGGER' });
  });

  it('rejects unreachable nodes and a second edge from one port', () => {
    expect(
      issuesOf({
        name: 'x',
        nodes: [
          node('start', 'test.start'),
          node('a', 'test.say', { text: 'a' }),
          node('b', 'test.say', { text: 'b' }),
          node('lonely', 'test.say', { text: 'c' }),
        ],
        edges: [
          { from: 'start', to: 'a' },
          { from: 'start', to: 'b' },
        ],
      }),
    ).toEqual([
      { path: '/edges/1', code: 'GRAPH_PORT_ALREADY_CONNECTED' },
      { path: '/nodes/2', code: 'GRAPH_UNREACHABLE_NODE' },
      { path: '/nodes/3', code: 'GRAPH_UNREACHABLE_NODE' },
    ]);
  });

  it('rejects a loop without a wait and spells it out', () => {
    const result = compileGraph(
      {
        name: 'spin',
        nodes: [node('start', 'test.start'), node('a', 'test.hours'), node('b', 'test.say', { text: 'b' })],
        edges: [
          { from: 'start', to: 'a' },
          { from: 'a', port: 'open', to: 'b' },
          { from: 'b', to: 'a' },
        ],
      },
      catalog,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      expect.objectContaining({ code: 'GRAPH_LOOP_WITHOUT_WAIT', path: '/nodes/1', message: expect.stringContaining('a -> b -> a') }),
    ]);
  });

  it('accepts a loop through a wait or a bounded jump', () => {
    const throughWait = compileGraph(
      {
        name: 'poll',
        nodes: [node('start', 'test.start'), node('a', 'test.hours'), node('p', 'test.pause')],
        edges: [
          { from: 'start', to: 'a' },
          { from: 'a', port: 'closed', to: 'p' },
          { from: 'p', to: 'a' },
        ],
      },
      catalog,
    );
    expect(throughWait.ok).toBe(true);
    const throughJump = compileGraph(
      {
        name: 'retry',
        nodes: [node('start', 'test.start'), node('a', 'test.say', { text: 'a' }), node('j', 'test.jump', { target: 'a' })],
        edges: [
          { from: 'start', to: 'a' },
          { from: 'a', to: 'j' },
        ],
      },
      catalog,
    );
    expect(throughJump.ok).toBe(true);
  });

  describe('a wait that can be zero', () => {
    const waitLoop = (seconds: unknown) => ({
      name: 'again',
      nodes: [node('start', 'test.start'), node('a', 'test.say', { text: 'a' }), node('w', 'test.delay', { seconds })],
      edges: [
        { from: 'start', to: 'a' },
        { from: 'a', to: 'w' },
        { from: 'w', to: 'a' },
      ],
    });

    it('is no wait for the loop guard: a -> wait 0 s -> a is rejected with the pointer of the loop', () => {
      const result = compileGraph(waitLoop(0), catalog);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.issues).toEqual([
        {
          path: '/nodes/1',
          code: 'GRAPH_LOOP_WITHOUT_WAIT',
          message: expect.stringMatching(/^The loop a -> w -> a has no wait .*a wait that can be zero does not count/),
        },
      ]);
    });

    it('counts a duration that a template decides at run time as possibly zero', () => {
      expect(issuesOf(waitLoop('{{ vars.delaySeconds }}'))).toEqual([{ path: '/nodes/1', code: 'GRAPH_LOOP_WITHOUT_WAIT' }]);
    });

    it('accepts the same loop through a real wait of 1 s', () => {
      expect(compileGraph(waitLoop(1), catalog).ok).toBe(true);
    });

    it('accepts a loop only through the ports a node leaves by after waiting', () => {
      const loopThrough = (port: string) =>
        compileGraph(
          {
            name: 'keep trying',
            nodes: [node('start', 'test.start'), node('q', 'test.queue'), node('note', 'test.say', { text: 'still here' })],
            edges: [
              { from: 'start', to: 'q' },
              { from: 'q', port, to: 'note' },
              { from: 'note', to: 'q' },
            ],
          },
          catalog,
        );
      expect(loopThrough('timeout').ok).toBe(true);
      const spin = loopThrough('assigned');
      expect(spin.ok).toBe(false);
      if (!spin.ok)
        expect(spin.issues).toEqual([expect.objectContaining({ code: 'GRAPH_LOOP_WITHOUT_WAIT', message: expect.stringContaining('q -> note -> q') })]);
    });
  });

  it('rejects a jump to a node that does not exist', () => {
    expect(
      issuesOf({ name: 'x', nodes: [node('start', 'test.start'), node('j', 'test.jump', { target: 'nowhere' })], edges: [{ from: 'start', to: 'j' }] }),
    ).toEqual([{ path: '/nodes/1/config/target', code: 'GRAPH_UNKNOWN_JUMP_TARGET' }]);
  });

  it('rejects a template that cannot be parsed, at the field that holds it', () => {
    expect(
      issuesOf({
        name: 'x',
        nodes: [node('start', 'test.start'), node('say', 'test.say', { text: 'Hola {{ contact.name ' })],
        edges: [{ from: 'start', to: 'say' }],
      }),
    ).toEqual([{ path: '/nodes/1/config/text', code: 'TEMPLATE_INVALID' }]);
  });

  it('escapes ~ and / in pointer segments (RFC 6901)', () => {
    const flexible = defineNode({
      type: 'test.flexible',
      title: 'Flexible',
      category: 'Test',
      description: 'Free-form config.',
      kind: 'step',
      configSchema: Type.Object({ headers: Type.Record(Type.String(), Type.String()) }),
      ports: ['next'],
      run: (ctx) => ctx.next('next'),
    });
    const withFlexible = createNodeCatalog([start, flexible].map((item) => ({ node: item, source: 'test' })));
    const result = compileGraph(
      {
        name: 'x',
        nodes: [node('start', 'test.start'), node('f', 'test.flexible', { headers: { 'a/b~c': '{{ broken' } })],
        edges: [{ from: 'start', to: 'f' }],
      },
      withFlexible,
    );
    expect(result.ok ? [] : result.issues.map((issue) => issue.path)).toEqual(['/nodes/1/config/headers/a~1b~0c']);
  });

  it('refuses a template whose secret is picked at run time with SECRET_REFERENCE_INVALID at its pointer', () => {
    const result = compileGraph(
      {
        name: 'Leaky',
        nodes: [
          { id: 'start', type: 'test.start', config: {} },
          { id: 'say', type: 'test.say', config: { text: 'all of them: {{ secrets[vars.which] }}' } },
        ],
        edges: [{ from: 'start', to: 'say' }],
      },
      catalog,
    );
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues).toEqual([
      {
        path: '/nodes/1/config/text',
        code: 'SECRET_REFERENCE_INVALID',
        message: expect.stringContaining('Node "say": the template at /nodes/1/config/text picks a secret by a value known only when it runs'),
      },
    ]);
  });
});
