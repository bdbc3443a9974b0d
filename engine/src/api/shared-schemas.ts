/**
 * Response schemas shared by the routes. Registered with `addSchema`, they
 * serialize responses (fast-json-stringify: Dates become ISO strings) and appear
 * in the OpenAPI document under `components.schemas`. A field missing here is
 * missing from responses, so a new domain field must be added here too.
 */
import { errorCatalogue } from '../errors.ts';
import { portRuleSchema } from '../graph/port-rule.ts';

type SchemaName = 'Error' | 'Issue' | 'Workflow' | 'WorkflowDraft' | 'WorkflowVersion' | 'Run' | 'Step' | 'Wait' | 'NodeType' | 'StartedRun';

/** A reference to a shared schema, for a route's `response`. */
export function ref(name: SchemaName): { $ref: string } {
  return { $ref: `${name}#` };
}

/** A response that is one of the error bodies, described for OpenAPI. */
export function errorResponse(description: string): { description: string; $ref: string } {
  return { description, ...ref('Error') };
}

const dateTime = { type: 'string', format: 'date-time' } as const;
const nullableDateTime = { type: ['string', 'null'], format: 'date-time' } as const;
const anyObject = { type: 'object', additionalProperties: true } as const;

const issue = {
  $id: 'Issue',
  type: 'object',
  description: 'One located problem: `path` is a JSON Pointer into the submitted document.',
  required: ['path', 'code', 'message'],
  properties: {
    path: { type: 'string', examples: ['/nodes/2/config/text'] },
    code: { type: 'string' },
    message: { type: 'string' },
  },
};

const error = {
  $id: 'Error',
  type: 'object',
  description: 'Every error response has this shape. Codes are listed in engine/ERRORS.md.',
  required: ['statusCode', 'code', 'message'],
  properties: {
    statusCode: { type: 'integer' },
    code: { type: 'string', enum: Object.keys(errorCatalogue) },
    message: { type: 'string' },
    issues: { type: 'array', items: ref('Issue') },
  },
};

const workflowProperties = {
  id: { type: 'string', format: 'uuid' },
  name: { type: 'string' },
  description: { type: ['string', 'null'] },
  status: { type: 'string', enum: ['draft', 'active', 'stopped'] },
  activeVersion: { type: ['integer', 'null'], description: 'The published version new runs start on; null until first published.' },
  draft: { description: 'The definition document as last saved.' },
  createdAt: dateTime,
  updatedAt: dateTime,
  revision: { type: 'integer', minimum: 1, description: "The draft's revision, bumped by every save; also the ETag. Send it back as `If-Match` to save only over what you read." },
};
const workflowRequired = ['id', 'name', 'description', 'status', 'activeVersion', 'draft', 'createdAt', 'updatedAt', 'revision'];

const workflow = { $id: 'Workflow', type: 'object', required: workflowRequired, properties: workflowProperties };

const workflowDraft = {
  $id: 'WorkflowDraft',
  type: 'object',
  description: 'A saved workflow and the problems that would block publishing its draft (empty when it can be published).',
  required: [...workflowRequired, 'issues'],
  properties: { ...workflowProperties, issues: { type: 'array', items: ref('Issue') } },
};

const workflowVersion = {
  $id: 'WorkflowVersion',
  type: 'object',
  required: ['version', 'createdAt', 'definition'],
  properties: { version: { type: 'integer' }, createdAt: dateTime, definition: { description: 'The definition as published; immutable.' } },
};

const recordedErrorShape = {
  required: ['code', 'kind', 'message'],
  properties: {
    code: { type: 'string' },
    kind: { type: 'string', enum: ['user', 'operational', 'bug'] },
    message: { type: 'string' },
    details: anyObject,
  },
};

/** A step's or run's recorded failure: `kind` says whose problem it is (STYLE.md §5). */
const nullableRecordedError = { type: ['object', 'null'], ...recordedErrorShape };

const run = {
  $id: 'Run',
  type: 'object',
  required: ['id', 'workflowId', 'version', 'subject', 'status', 'createdAt', 'updatedAt', 'finishedAt'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    workflowId: { type: 'string', format: 'uuid' },
    version: { type: 'integer', description: 'The workflow version this run is pinned to.' },
    subject: { type: ['string', 'null'], description: 'What the run is about, e.g. conversation:42; runs for one subject are serialized.' },
    status: { type: 'string', enum: ['running', 'waiting', 'completed', 'failed', 'cancelled'] },
    trigger: { ...anyObject, description: 'The data the trigger received.' },
    vars: anyObject,
    outputs: { ...anyObject, description: 'Each node\'s latest output, by node id.' },
    visits: { type: 'object', additionalProperties: { type: 'integer' } },
    cursorNode: { type: ['string', 'null'] },
    attempt: { type: 'integer' },
    seq: { type: 'integer' },
    waitId: { type: ['string', 'null'] },
    stepCount: { type: 'integer' },
    parentRunId: { type: ['string', 'null'] },
    eventId: { type: ['string', 'null'] },
    error: nullableRecordedError,
    createdAt: dateTime,
    updatedAt: dateTime,
    finishedAt: nullableDateTime,
  },
};

const step = {
  $id: 'Step',
  type: 'object',
  required: ['id', 'nodeId', 'nodeType', 'visit', 'attempt', 'status', 'startedAt'],
  properties: {
    id: { type: 'string' },
    runId: { type: 'string', format: 'uuid' },
    nodeId: { type: 'string' },
    nodeType: { type: 'string' },
    visit: { type: 'integer' },
    attempt: { type: 'integer' },
    status: { type: 'string', enum: ['completed', 'failed', 'waiting', 'cancelled'] },
    port: { type: ['string', 'null'], description: 'The output port the step chose.' },
    input: {},
    output: {},
    error: nullableRecordedError,
    startedAt: dateTime,
    finishedAt: nullableDateTime,
    durationMs: { type: ['number', 'null'] },
  },
};

const wait = {
  $id: 'Wait',
  type: 'object',
  required: ['id', 'nodeId', 'visit', 'status', 'createdAt'],
  properties: {
    id: { type: 'string' },
    runId: { type: 'string', format: 'uuid' },
    nodeId: { type: 'string' },
    visit: { type: 'integer' },
    signalKey: { type: ['string', 'null'] },
    resumeAt: nullableDateTime,
    state: anyObject,
    status: { type: 'string', enum: ['pending', 'resumed', 'cancelled'] },
    createdAt: dateTime,
  },
};

const nodeType = {
  $id: 'NodeType',
  type: 'object',
  required: ['type', 'title', 'category', 'description', 'kind', 'configSchema', 'ports', 'portsFromConfig'],
  properties: {
    type: { type: 'string', examples: ['core.business_hours'] },
    title: { type: 'string' },
    category: { type: 'string' },
    description: { type: 'string' },
    kind: { type: 'string', enum: ['trigger', 'step'] },
    configSchema: { description: 'JSON Schema of the node\'s config.' },
    ports: portRuleSchema,
    portsFromConfig: { type: 'boolean', description: 'Whether the ports depend on the config (the rule has a per_item or switch entry); false means `ports` is a plain list of names.' },
    triggerSource: { type: 'string', enum: ['event', 'webhook', 'schedule', 'manual'], description: 'Trigger nodes: how runs start.' },
    effects: { type: 'string', enum: ['database', 'external'], description: 'Step nodes: database effects run exactly once; external ones at least once with an idempotency key.' },
    waits: { type: ['boolean', 'null'], description: 'Step nodes: whether the node can wait; null when it depends on the config.' },
  },
};

const startedRun = {
  $id: 'StartedRun',
  type: 'object',
  required: ['runId', 'started'],
  properties: {
    runId: { type: 'string', format: 'uuid' },
    started: { type: 'boolean', description: 'False when a run for this subject is in flight and the workflow ignores re-entry; runId is that run.' },
  },
};

/** Every shared schema, in an order where each one's references come first. */
export const sharedSchemas: readonly object[] = [issue, error, workflow, workflowDraft, workflowVersion, run, step, wait, nodeType, startedRun];
