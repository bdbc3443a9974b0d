/**
 * `@switchboard/engine/graph`: the workflow model and its validation, plain
 * TypeScript with no server dependencies, so the editor can check a graph with
 * the same code that publishing runs.
 */
export type { WorkflowDefinition, WorkflowNode, WorkflowEdge, WorkflowSettings, Reentry, StickyNote, StickyNoteColor } from './definition.ts';
export { DEFAULT_MAX_STEPS } from './definition.ts';
export { validateDefinition } from './validate-definition.ts';
export type { DocumentCheck } from './validate-definition.ts';
export { compileGraph } from './compile-graph.ts';
export type { CompiledGraph, CompiledNode, CompileResult } from './compile-graph.ts';
export { createNodeCatalog, portsOf } from './node-catalog.ts';
export type { NodeCatalog, CatalogEntry, NodeRegistration, NodeTypeSpec } from './node-catalog.ts';
export { portsForConfig } from './ports-for-config.ts';
export { portRuleSchema } from './port-rule.ts';
export type { PortItem, PortRule, PortSource, PortsPerItem, PortSwitch } from './port-rule.ts';
export { pointer, escapePointerSegment, readPointer } from './json-pointer.ts';
/** The kinds an `x-picker` config annotation may name (see the SDK's `SchemaAnnotations`), for the editor's pickers. */
export { PICKER_KINDS } from '@switchboard/sdk';
export type { PickerKind, SchemaAnnotations } from '@switchboard/sdk';
