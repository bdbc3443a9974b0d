/**
 * `@switchboard/engine`: create and run an engine. Node authors use
 * `@switchboard/engine/sdk`; the workflow model is `@switchboard/engine/graph`.
 */
export { createEngine, isUuid } from './engine.ts';
export { PRESENCE_WINDOW_MS } from './engine.ts';
export type { ChangedBy, Engine, EngineOptions, QueueDefinition, StepExplanation } from './engine.ts';
export type { EgressOptions } from './egress/egress-policy.ts';
export { createServer } from './api/create-server.ts';
export type { ServerOptions } from './api/create-server.ts';
export { definePlugin } from './plugin.ts';
export type { PluginEngine, PluginMigration, SwitchboardPlugin } from './plugin.ts';
export { createLogger } from './logger.ts';
export type { Logger, LogLevel } from './logger.ts';
export { SwitchboardError, errorCatalogue, isSwitchboardError } from './errors.ts';
export type { EngineErrorCode, ErrorCode, ErrorCodeEntry, ErrorKind, Issue } from './errors.ts';
export type { EmitResult } from './triggers/emit-event.ts';
// Who calls a route (`request.principal`), for a plugin's routes that act for the signed-in person.
export type { Principal } from './api/auth.ts';
export type { Access, Role } from './api/access.ts';
export type { People, User } from './people/people.ts';
export type { PersonRef, RecentRuns, Workflow, WorkflowListFilter, WorkflowSummary } from './store/workflows.ts';
export type { Viewer } from './store/presence.ts';
export type { WorkflowVersion } from './store/versions.ts';
export type { Run } from './store/runs.ts';
export type { RunView, StepView } from './runtime/describe-runs.ts';
export type { RunWatcher } from './runtime/run-watchers.ts';
export type { RunChange } from './store/run-changes.ts';
export type { Test } from './store/tests.ts';
export type { Step } from './store/steps.ts';
export type { Wait } from './store/waits.ts';
export type { RunStatus } from './store/database.ts';
export type { SecretInfo } from './store/secrets.ts';
export type { TemplateLibrary, TemplateSummary } from './templates/template-library.ts';
export type { TemplateImport } from './templates/instantiate-template.ts';
export type { WorkflowTemplate, TemplateParameter, Language, Localized } from './templates/template.ts';
// Response-schema builders (TypeBox), so a consumer's routes describe their responses as the engine's do.
export { DateTime, Nullable, ReadonlyArray, StringEnum } from './api/schema-types.ts';
export { ExplanationTextSchema, type Assert, type SameShape } from './api/shared-schemas.ts';
export type { ExplanationText } from './api/translate-explanation.ts';
// The languages a request asks for, best first, from its Accept-Language header: what explanations are translated into.
export { languagePreferences } from './api/accept-language.ts';
export { LanguageTag } from './api/request-schemas.ts';
export { summarizeIssues } from './graph/summarize-issues.ts';
