import type { Role } from './session.ts';

/**
 * The access levels of the server's route table (engine/src/api/access.ts) and the roles each
 * admits, so the app shows a person only what the server lets them open. The server decides; this
 * copy only decides what the navigation offers and which screens say "not for your role".
 */
const rolesByAccess = {
  'signed-in': ['admin', 'editor', 'agent', 'viewer'],
  'flows:read': ['admin', 'editor', 'viewer'],
  'flows:write': ['admin', 'editor'],
  'inbox:read': ['admin', 'editor', 'agent', 'viewer'],
  'inbox:write': ['admin', 'agent'],
  'inbox:manage': ['admin'],
  admin: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Access = keyof typeof rolesByAccess;

export function canAccess(role: Role, access: Access): boolean {
  return (rolesByAccess[access] as readonly Role[]).includes(role);
}

/** Where `/` takes a person: the first section their role opens. */
export function homePathFor(role: Role): '/flows' | '/inbox' {
  return canAccess(role, 'flows:read') ? '/flows' : '/inbox';
}
