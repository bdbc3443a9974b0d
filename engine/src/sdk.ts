/**
 * `@switchboard/engine/sdk`: the node SDK, `@switchboard/sdk`, as the engine
 * re-exports it, with the engine's error catalogue registered (./errors.ts) so
 * engine codes type-check and answer with their status. A node package depends
 * on `@switchboard/sdk` alone.
 */
import './errors.ts';

export { Type } from '@switchboard/sdk';
export type { Static, TSchema } from '@switchboard/sdk';
export { defineContextProvider, defineNode, eventSignalKey, readPath } from '@switchboard/sdk';
export type {
  AnyNodeDefinition,
  ConfigIssue,
  ConfigOf,
  ContextProvider,
  EmittedEvent,
  JsonSchemaObject,
  NodeDatabase,
  NodeDefinition,
  NodeFailure,
  NodeLogger,
  PortItem,
  PortRule,
  PortSource,
  PortsPerItem,
  PortSwitch,
  ReferenceCheckContext,
  ResumeContext,
  RunInfo,
  StepContext,
  StepNodeDefinition,
  StepResult,
  TriggerEvent,
  TriggerNodeDefinition,
  TriggerSpec,
  WaitRequest,
  WebhookRequest,
} from '@switchboard/sdk';
export { defineErrorCodes, isSwitchboardError, SwitchboardError } from '@switchboard/sdk';
export type { ErrorCode, ErrorCodeEntry, ErrorCodes, ErrorKind, Issue } from '@switchboard/sdk';
