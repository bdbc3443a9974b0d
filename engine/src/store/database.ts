/**
 * The engine's tables, in one place: the `DB` interface Kysely types every
 * query with. Rows become domain types in the store modules, never above them.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;

export type WorkflowStatus = 'draft' | 'active' | 'stopped';
export type RunStatus = 'running' | 'waiting' | 'completed' | 'failed' | 'cancelled';
export type StepStatus = 'completed' | 'failed' | 'waiting' | 'cancelled';
export type WaitStatus = 'pending' | 'resumed' | 'cancelled';
export type TriggerSource = 'event' | 'webhook' | 'schedule' | 'manual';

export interface WorkflowsTable {
  id: Generated<string>;
  name: string;
  description: string | null;
  draft: Json;
  status: Generated<WorkflowStatus>;
  active_version: number | null;
  /** settings.retentionDays of the published version; null: the global default. */
  retention_days: Generated<number | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Set while the workflow is archived: hidden from the default list, its trigger stopped. */
  archived_at: Timestamp | null;
  /** The draft's revision: 1 when created, bumped by every draft write. */
  revision: Generated<number>;
  /** Who saved the draft last (updated_at says when); null for a machine token. */
  updated_by: string | null;
  /** The draft revision whose content is the active version's (name and description aside); null until published. */
  published_revision: Generated<number | null>;
}

export interface WorkflowVersionsTable {
  workflow_id: string;
  version: number;
  definition: Json;
  graph: Json;
  created_at: Timestamp;
  /** Why it was published, in the publisher's words (at most 500 characters). */
  note: Generated<string | null>;
  /** Who published it; null for a machine token. */
  published_by: Generated<string | null>;
}

/** The index of published triggers: which events start which workflow version. */
export interface TriggersTable {
  workflow_id: string;
  version: number;
  source: TriggerSource;
  event_type: string | null;
}

export interface RunsTable {
  id: Generated<string>;
  /** Start order: runs of one subject begin their work in this order (promise 3). */
  number: Generated<string>;
  workflow_id: string;
  version: number;
  subject: string | null;
  status: RunStatus;
  trigger_data: Json;
  vars: Json;
  outputs: Json;
  visits: Json;
  /** The node to execute next, or the node that is waiting. */
  cursor_node: string | null;
  attempt: Generated<number>;
  /** Fencing token: a job carries the seq it was scheduled for; a stale job finds a newer seq and does nothing. */
  seq: Generated<number>;
  /** The pending wait a waiting run sleeps on; a resume job for any other wait is stale. */
  wait_id: string | null;
  step_count: Generated<number>;
  parent_run_id: string | null;
  /** Null for a run started from outside: it is its own root (migration 0010). */
  root_run_id: ColumnType<string | null, string | null | undefined, never>;
  /** Starts between the root and this run; 0 for a run started from outside. */
  depth: ColumnType<number, number | undefined, never>;
  event_id: string | null;
  error: Json | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: Timestamp | null;
  /** The schedule tick that started the run (see run-schedule.ts); unique per workflow, so a repeated tick starts nothing. */
  scheduled_at: ColumnType<Date | null, Date | undefined, never>;
  /** The test chat this run belongs to (migration 0016); null for a real run. */
  test_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Milliseconds the run's clock is ahead of the real one (a test's pretend time); 0 for real runs. */
  clock_offset_ms: ColumnType<string, number | undefined, number>;
}

export interface StepsTable {
  id: Generated<string>;
  run_id: string;
  node_id: string;
  node_type: string;
  visit: number;
  attempt: number;
  status: StepStatus;
  port: string | null;
  input: Json | null;
  output: Json | null;
  error: Json | null;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  duration_ms: number | null;
  /** Migration 0015-step-explanations. */
  explanation: Json | null;
}

export interface WaitsTable {
  id: Generated<string>;
  run_id: string;
  node_id: string;
  visit: number;
  signal_key: string | null;
  resume_at: Timestamp | null;
  state: Json;
  status: WaitStatus;
  created_at: Timestamp;
  resumed_at: Timestamp | null;
}

export interface SignalsTable {
  id: Generated<string>;
  key: string;
  data: Json;
  created_at: Timestamp;
  consumed_by: string | null;
}

export interface EventsTable {
  id: Generated<string>;
  type: string;
  subject: string | null;
  idempotency_key: string | null;
  data: Json;
  run_ids: Json<string[]>;
  received_at: Timestamp;
}

export interface ApiTokensTable {
  id: Generated<string>;
  name: string;
  token_hash: string;
  role: Role;
  /** Null for machine tokens made before people existed (first start, SWITCHBOARD_ADMIN_TOKEN). */
  user_id: string | null;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
}

/** What a person may do (README "People, sign-in and roles"). */
export type Role = 'admin' | 'editor' | 'agent' | 'viewer';

export interface UsersTable {
  id: Generated<string>;
  name: string;
  email: string;
  role: Role;
  language: 'en' | 'es' | null;
  time_zone: string | null;
  password_hash: string | null;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  last_signed_in_at: Timestamp | null;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface OneTimeLinksTable {
  token_hash: string;
  purpose: 'setup' | 'invite';
  user_id: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface SignInFailuresTable {
  key: string;
  failures: number;
  window_started_at: Timestamp;
  locked_until: Timestamp | null;
}

/** A secret, encrypted by the process (secrets/secret-cipher.ts); no column holds its value. */
export interface SecretsTable {
  name: string;
  /** AES-256-GCM ciphertext followed by its 16-byte authentication tag. */
  ciphertext: Buffer;
  iv: Buffer;
  /** Fingerprint of the key that encrypted the row (secrets/secrets-key.ts). */
  key_id: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Who has a workflow open in the editor: one row per person, upserted by each heartbeat. */
export interface WorkflowPresenceTable {
  workflow_id: string;
  user_id: string;
  /** When the current stretch of heartbeats began. */
  since: Timestamp;
  last_seen_at: Timestamp;
}

/** A test chat of a workflow (migration 0016). */
export interface TestsTable {
  id: Generated<string>;
  workflow_id: string;
  version: number;
  clock: Timestamp | null;
  clock_set_at: Timestamp | null;
  assign_for_real: boolean;
  created_at: Timestamp;
}

/** The subjects (conversations) a test owns: events for them start only the test's version. */
export interface TestSubjectsTable {
  subject: string;
  test_id: string;
}

// A type alias, not an interface: Kysely's withTables<T>() needs the implicit index signature.
export type DB = {
  workflows: WorkflowsTable;
  workflow_versions: WorkflowVersionsTable;
  triggers: TriggersTable;
  runs: RunsTable;
  steps: StepsTable;
  waits: WaitsTable;
  signals: SignalsTable;
  events: EventsTable;
  api_tokens: ApiTokensTable;
  users: UsersTable;
  sessions: SessionsTable;
  one_time_links: OneTimeLinksTable;
  sign_in_failures: SignInFailuresTable;
  secrets: SecretsTable;
  workflow_presence: WorkflowPresenceTable;
  tests: TestsTable;
  test_subjects: TestSubjectsTable;
};

export type RunRow = Selectable<RunsTable>;
export type StepRow = Selectable<StepsTable>;
export type WaitRow = Selectable<WaitsTable>;
export type NewRun = Insertable<RunsTable>;
export type RunUpdate = Updateable<RunsTable>;
