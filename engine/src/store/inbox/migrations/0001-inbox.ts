import { type Kysely, sql } from 'kysely';

// The shared inbox (issue 3). Forward-only: never edit once shipped, add a new file instead.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table agents (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      email text not null,
      status text not null default 'offline' check (status in ('online', 'away', 'offline')),
      capacity integer not null default 10 check (capacity >= 0),
      -- Promise 4: open conversations assigned to this agent. Kept by the same
      -- transactions that assign, unassign, transfer, close and reopen, so a
      -- conditional update on this row decides capacity without counting.
      open_count integer not null default 0 check (open_count >= 0),
      last_assigned_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index agents_email_unique on agents (lower(email));

    create table teams (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index teams_name_unique on teams (lower(name));

    create table agent_teams (
      team_id uuid not null references teams (id) on delete cascade,
      agent_id uuid not null references agents (id) on delete cascade,
      primary key (team_id, agent_id)
    );
    create index agent_teams_by_agent on agent_teams (agent_id);

    create table contacts (
      id uuid primary key default gen_random_uuid(),
      name text,
      phone text,
      email text,
      fields jsonb not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table contact_identities (
      channel text not null,
      external_id text not null,
      contact_id uuid not null references contacts (id) on delete cascade,
      created_at timestamptz not null default now(),
      primary key (channel, external_id)
    );
    create index contact_identities_by_contact on contact_identities (contact_id);

    create table contact_field_definitions (
      key text primary key check (key ~ '^[a-z][a-z0-9_]*$'),
      label text not null,
      type text not null check (type in ('text', 'number', 'date', 'boolean', 'select')),
      options jsonb not null default '[]',
      created_at timestamptz not null default now()
    );

    create table contact_tags (
      contact_id uuid not null references contacts (id) on delete cascade,
      tag text not null,
      created_at timestamptz not null default now(),
      primary key (contact_id, tag)
    );
    create index contact_tags_by_tag on contact_tags (tag);

    create table contact_comments (
      id uuid primary key default gen_random_uuid(),
      contact_id uuid not null references contacts (id) on delete cascade,
      author_agent_id uuid references agents (id) on delete set null,
      text text not null,
      mentions uuid[] not null default '{}',
      created_at timestamptz not null
    );
    create index contact_comments_by_contact on contact_comments (contact_id, created_at);

    create table conversations (
      id uuid primary key default gen_random_uuid(),
      contact_id uuid not null references contacts (id) on delete cascade,
      channel text not null,
      status text not null default 'open' check (status in ('open', 'closed')),
      -- At most one assignee by construction (one column); kept when the conversation
      -- closes, as the agent who handled it. Counted in agents.open_count only while open.
      assignee_id uuid references agents (id),
      team_id uuid references teams (id) on delete set null,
      -- The most recent agent ever assigned: sticky assignment and CSAT attribution.
      last_assignee_id uuid references agents (id),
      bot_active boolean not null default true,
      priority text not null default 'normal' check (priority in ('low', 'normal', 'high', 'urgent')),
      closing_note text,
      closing_category text,
      is_spam boolean not null default false,
      -- A question (ask_question) awaits the contact's reply until then; see receive-message.ts.
      awaiting_reply_until timestamptz,
      opened_at timestamptz not null,
      first_response_at timestamptz,
      closed_at timestamptz,
      last_message_at timestamptz,
      csat_score smallint check (csat_score between 1 and 5),
      csat_agent_id uuid references agents (id),
      csat_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    -- Two messages at once from one contact open one conversation: the second
    -- insert conflicts here (on conflict do nothing) and selects the first's row.
    create unique index conversations_one_open_per_contact on conversations (contact_id) where status = 'open';
    create index conversations_by_contact on conversations (contact_id, opened_at desc);
    create index conversations_by_status on conversations (status, last_message_at desc);
    create index conversations_by_assignee on conversations (assignee_id, status);
    create index conversations_by_team on conversations (team_id, status);

    create table conversation_tags (
      conversation_id uuid not null references conversations (id) on delete cascade,
      tag text not null,
      created_at timestamptz not null default now(),
      primary key (conversation_id, tag)
    );
    create index conversation_tags_by_tag on conversation_tags (tag);

    create table messages (
      id uuid primary key default gen_random_uuid(),
      -- The order messages were written in: taken at insert, under the conversation's
      -- subject lock, so it follows commit order where timestamps (one per transaction
      -- or millisecond) can tie. Threads read in it and the outbox delivers in it.
      seq bigint generated always as identity,
      conversation_id uuid not null references conversations (id) on delete cascade,
      direction text not null check (direction in ('in', 'out')),
      sender_type text not null check (sender_type in ('contact', 'agent', 'bot', 'automation')),
      sender_agent_id uuid references agents (id) on delete set null,
      text text not null default '',
      attachments jsonb not null default '[]',
      is_internal_note boolean not null default false,
      delivery_status text not null check (delivery_status in ('pending', 'sent', 'failed', 'not_applicable')),
      delivery_attempts integer not null default 0,
      delivery_error text,
      delivered_at timestamptz,
      idempotency_key text unique,
      created_at timestamptz not null,
      check ((direction = 'in') = (sender_type = 'contact')),
      -- Internal notes are never delivered: the contact never sees them.
      check (not is_internal_note or delivery_status = 'not_applicable')
    );
    create index messages_by_conversation on messages (conversation_id, seq);
    create index messages_pending_delivery on messages (conversation_id, seq) where delivery_status = 'pending';

    create table snippets (
      id uuid primary key default gen_random_uuid(),
      shortcut text not null,
      title text not null,
      text text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index snippets_shortcut_unique on snippets (lower(shortcut));

    -- Conversations waiting for an agent (inbox.assign_to found nobody eligible).
    -- The criteria are columns, not a json blob, so the drain can ask Postgres for
    -- "the oldest entry some agent can take right now" in one query.
    create table assignment_queue (
      conversation_id uuid primary key references conversations (id) on delete cascade,
      target_kind text not null check (target_kind in ('agent', 'team', 'workspace')),
      target_id uuid,
      strategy text not null check (strategy in ('round_robin', 'least_open')),
      only_online boolean not null,
      capacity_limit integer check (capacity_limit >= 0),
      sticky boolean not null,
      run_id uuid,
      signal_key text not null,
      enqueued_at timestamptz not null,
      -- The waiting step gives up then; past it the entry is inert.
      expires_at timestamptz not null,
      check ((target_kind = 'workspace') = (target_id is null))
    );
    create index assignment_queue_fifo on assignment_queue (enqueued_at, conversation_id);

    create table round_robin_cursors (
      scope text primary key,
      last_agent_id uuid,
      updated_at timestamptz not null default now()
    );
  `.execute(db);
}
