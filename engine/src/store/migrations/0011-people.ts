import { type Kysely, sql } from 'kysely';

// People who sign in, their sessions, one-time links, and sign-in throttling (README
// "People, sign-in and roles"). API tokens now belong to a person and carry their role.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table users (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      email text not null,
      role text not null check (role in ('admin', 'editor', 'agent', 'viewer')),
      -- Null: the person has not chosen, so the browser's language is used.
      language text check (language in ('en', 'es')),
      time_zone text,
      -- scrypt$<N>$<r>$<p>$<salt>$<key>; null until an invited person sets a password.
      password_hash text,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      last_signed_in_at timestamptz
    );
    create unique index users_email_unique on users (lower(email));

    -- A session is known by the SHA-256 of its cookie, as tokens are: a leaked table opens nothing.
    create table sessions (
      id_hash text primary key,
      user_id uuid not null references users (id) on delete cascade,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null
    );
    create index sessions_by_user on sessions (user_id);
    create index sessions_by_expiry on sessions (expires_at);

    -- One-time links: the first-start setup link (user_id null) and invitation or
    -- password-reset links. Used or replaced links are deleted.
    create table one_time_links (
      token_hash text primary key,
      purpose text not null check (purpose in ('setup', 'invite')),
      user_id uuid references users (id) on delete cascade,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      check ((purpose = 'setup') = (user_id is null))
    );
    create unique index one_time_links_one_per_user on one_time_links (user_id) where user_id is not null;

    -- Wrong passwords per account ('email:<lower email>') and per address ('address:<ip>'),
    -- counted in a window, so that several api processes slow an attacker down together.
    create table sign_in_failures (
      key text primary key,
      failures integer not null,
      window_started_at timestamptz not null,
      locked_until timestamptz
    );

    -- Tokens made before people existed (generated at first start, SWITCHBOARD_ADMIN_TOKEN) have
    -- no owner and stay admin machine tokens; tokens created since belong to a person.
    alter table api_tokens add column user_id uuid references users (id) on delete cascade;
    create index api_tokens_by_user on api_tokens (user_id) where user_id is not null;
    alter table api_tokens drop constraint api_tokens_role_check;
    alter table api_tokens add constraint api_tokens_role_check check (role in ('admin', 'editor', 'agent', 'viewer'));
  `.execute(db);
}
