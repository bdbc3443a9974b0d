import { type Kysely, sql } from 'kysely';

// Migrations are forward-only and never edited once shipped; add a new file instead.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table workflows (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      description text,
      draft jsonb not null,
      status text not null default 'draft' check (status in ('draft', 'active', 'stopped')),
      active_version integer,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create table workflow_versions (
      workflow_id uuid not null references workflows (id) on delete cascade,
      version integer not null,
      definition jsonb not null,
      graph jsonb not null,
      created_at timestamptz not null default now(),
      primary key (workflow_id, version)
    );
    create table triggers (
      workflow_id uuid not null references workflows (id) on delete cascade,
      version integer not null,
      source text not null check (source in ('event', 'webhook', 'schedule', 'manual')),
      event_type text
    );
    create index triggers_by_workflow on triggers (workflow_id);
    create index triggers_by_event_type on triggers (event_type) where source = 'event';
    create table runs (
      id uuid primary key default gen_random_uuid(),
      workflow_id uuid not null references workflows (id) on delete cascade,
      version integer not null,
      subject text,
      status text not null check (status in ('running', 'waiting', 'completed', 'failed', 'cancelled')),
      trigger_data jsonb not null,
      vars jsonb not null default '{}',
      outputs jsonb not null default '{}',
      visits jsonb not null default '{}',
      cursor_node text,
      -- Attempt of the cursor node's current visit; 0 until the node is entered.
      attempt integer not null default 0,
      seq integer not null default 0,
      wait_id uuid,
      step_count integer not null default 0,
      parent_run_id uuid references runs (id) on delete set null,
      event_id uuid,
      error jsonb,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      finished_at timestamptz,
      foreign key (workflow_id, version) references workflow_versions (workflow_id, version)
    );
    create index runs_by_workflow on runs (workflow_id, created_at desc);
    create index runs_by_status on runs (status, created_at desc);
    create index runs_in_flight_by_subject on runs (workflow_id, subject) where status in ('running', 'waiting');
    create table steps (
      id bigint generated always as identity primary key,
      run_id uuid not null references runs (id) on delete cascade,
      node_id text not null,
      node_type text not null,
      visit integer not null,
      attempt integer not null,
      status text not null check (status in ('completed', 'failed', 'waiting', 'cancelled')),
      port text,
      input jsonb,
      output jsonb,
      error jsonb,
      started_at timestamptz not null,
      finished_at timestamptz,
      duration_ms integer,
      -- Promise 1 backstop: one row per visit, whatever happens to the workers.
      unique (run_id, node_id, visit)
    );
    create table waits (
      id uuid primary key default gen_random_uuid(),
      run_id uuid not null references runs (id) on delete cascade,
      node_id text not null,
      visit integer not null,
      signal_key text,
      resume_at timestamptz,
      state jsonb not null default '{}',
      status text not null check (status in ('pending', 'resumed', 'cancelled')),
      created_at timestamptz not null,
      resumed_at timestamptz
    );
    create index waits_by_run on waits (run_id);
    create index waits_pending_by_signal on waits (signal_key) where status = 'pending';
    create table signals (
      id bigint generated always as identity primary key,
      key text not null,
      data jsonb not null,
      created_at timestamptz not null,
      consumed_by uuid
    );
    create index signals_unconsumed on signals (key, created_at) where consumed_by is null;
    create table events (
      id uuid primary key default gen_random_uuid(),
      type text not null,
      subject text,
      idempotency_key text unique,
      data jsonb not null,
      run_ids jsonb not null default '[]',
      received_at timestamptz not null
    );
    create index events_by_received_at on events (received_at);
    create table api_tokens (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      token_hash text not null unique,
      role text not null check (role in ('admin')),
      created_at timestamptz not null default now(),
      last_used_at timestamptz
    );
  `.execute(db);
}
