import { createContext } from 'react';

/** The roles of DESIGN's security section; what each may do is the server's to enforce. */
export type Role = 'admin' | 'editor' | 'agent' | 'viewer';

/** The person signed in to this browser. */
export interface Session {
  readonly name: string;
  readonly email: string;
  readonly role: Role;
  signOut(): Promise<void>;
}

/**
 * Undefined while nobody is signed in. The server has no sign-in yet (people, sessions and roles
 * are the next part of this release); until a provider hands a session down, the shell shows no
 * account menu rather than a made-up person.
 */
export const SessionContext = createContext<Session | undefined>(undefined);
