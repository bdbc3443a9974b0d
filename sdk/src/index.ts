/**
 * `@switchboard/sdk`: what a node author depends on, and nothing else. No
 * server, database driver or Postgres binary comes with it: TypeBox for config
 * schemas, and kysely's types (only types; kysely has no dependencies) for
 * `ctx.db`. The engine re-exports it as `@switchboard/engine/sdk`.
 */
export { Type } from '@sinclair/typebox';
export type { Static, TSchema } from '@sinclair/typebox';
export { defineContextProvider, defineNode, eventSignalKey } from './node-definition.ts';
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
  NodeSecrets,
  ReferenceCheckContext,
  ResumeContext,
  RunInfo,
  ScopeRootDescription,
  ScopeRootTranslation,
  StepContext,
  StepNodeDefinition,
  StepResult,
  TriggerEvent,
  TriggerNodeDefinition,
  TriggerSpec,
  WaitRequest,
  WebhookRequest,
} from './node-definition.ts';
export type { ConfigFieldTranslation, NodeTranslation } from './node-translation.ts';
export type { Explanation, ExplanationOutcome, ExplanationParams, ExplanationRow, ExplanationValue } from './node-explanation.ts';
export type { PortItem, PortRule, PortSource, PortsPerItem, PortSwitch } from './port-rule.ts';
export { readPath } from './read-path.ts';
export { PICKER_KINDS } from './schema-annotations.ts';
export type { PickerKind, SchemaAnnotations } from './schema-annotations.ts';
export { formatRunChain, parseRunChain, RUN_CHAIN_HEADER } from './run-chain.ts';
export { defineErrorCodes, findErrorCode, isSwitchboardError, registerErrorCodes, SwitchboardError } from './switchboard-error.ts';
export type { ErrorCode, ErrorCodeEntry, ErrorCodes, ErrorKind, Issue, SwitchboardErrorOptions } from './switchboard-error.ts';
