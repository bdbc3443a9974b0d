/**
 * Ports as data: what a node type declares about its output ports, in a form a
 * client (the editor's handles, its layout, its own compile) evaluates without
 * server code. A static list is a rule too. `portsForConfig` (`@switchboard/engine/graph`,
 * the graph model the server and the editor share) evaluates one.
 *
 * ```ts
 * ports: ['open', 'closed']                                              // fixed
 * ports: [{ kind: 'per_item', items: '/branches', name: '/id' }, 'else'] // one per branch, then else
 * ports: [{ kind: 'switch', on: '/mode', cases: { duration: ['next'] }, default: ['received', 'timeout'] }]
 * ```
 */

/** One port per item of an array in the config, named by a value inside each item. */
export interface PortsPerItem {
  readonly kind: 'per_item';
  /** JSON Pointer into the config to an array, e.g. `/branches`. Not an array: no ports. */
  readonly items: string;
  /** JSON Pointer inside each item to its port name, e.g. `/id`; `''` is the item itself. Items whose name is not a string give no port. */
  readonly name: string;
}

/** Ports that depend on one value of the config (an answer type, a mode). */
export interface PortSwitch {
  readonly kind: 'switch';
  /** JSON Pointer into the config to a string, number or boolean, e.g. `/type`. */
  readonly on: string;
  /** The ports for each value, keyed by the value as text (`"true"` for a boolean). */
  readonly cases: Readonly<Record<string, readonly PortItem[]>>;
  /** The ports when the value matches no case or is missing. */
  readonly default: readonly PortItem[];
}

/** A fixed port name, or ports taken from an array in the config. */
export type PortItem = string | PortsPerItem;

export type PortSource = PortItem | PortSwitch;

/** A node type's output ports: the sources in order; a name that appears twice is one port. */
export type PortRule = readonly PortSource[];
