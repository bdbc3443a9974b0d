import type { Role } from '../store/database.ts';

export type { Role } from '../store/database.ts';

/** Every role, in the order screens list them. */
export const ROLES: readonly Role[] = ['admin', 'editor', 'agent', 'viewer'];

/**
 * What a route needs, declared by the route as `config: { access }`. A route with none is a
 * mistake the server refuses to start with (see `requireAccessDeclared`), so that no route is
 * open or closed by accident.
 * - `public`: no credentials (health, webhooks checked by their signature, signing in).
 * - `signed-in`: any person or token (their own profile, node types).
 * - `flows:read` / `flows:write`: workflows, templates, runs and events.
 * - `inbox:read` / `inbox:write`: conversations, contacts, messages.
 * - `inbox:manage`: the inbox's set-up: agents, teams, contact-field definitions, snippets.
 * - `admin`: people, API tokens, secrets.
 */
export type Access = 'public' | 'signed-in' | 'flows:read' | 'flows:write' | 'inbox:read' | 'inbox:write' | 'inbox:manage' | 'admin';

/**
 * Who may do what: the one place roles are given their meaning (README "People, sign-in and
 * roles"). An editor builds flows and reads the inbox; an agent works the inbox and nothing
 * else; a viewer reads flows, runs and the inbox and changes nothing.
 */
const ALLOWED: Readonly<Record<Exclude<Access, 'public' | 'signed-in'>, readonly Role[]>> = {
  'flows:read': ['admin', 'editor', 'viewer'],
  'flows:write': ['admin', 'editor'],
  'inbox:read': ['admin', 'editor', 'agent', 'viewer'],
  'inbox:write': ['admin', 'agent'],
  'inbox:manage': ['admin'],
  admin: ['admin'],
};

export function roleMay(role: Role, access: Access): boolean {
  if (access === 'public' || access === 'signed-in') return true;
  return ALLOWED[access].includes(role);
}

/** The roles that may, for error messages and the API reference. */
export function rolesFor(access: Access): readonly Role[] {
  if (access === 'public' || access === 'signed-in') return ROLES;
  return ALLOWED[access];
}
