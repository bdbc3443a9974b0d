import type { Role } from '../session/session.ts';

/** The roles in the order a person choosing one reads them: most to least. */
export const roles: readonly Role[] = ['admin', 'editor', 'agent', 'viewer'];
