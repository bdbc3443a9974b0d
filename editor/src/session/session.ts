import { createContext } from 'react';
import type { User } from '../api/client.ts';
import type { Language } from '../i18n/languages.ts';

/** The roles of DESIGN's security section; what each may do is the server's to enforce. */
export type Role = User['role'];

/** What a person may change of their own account (`PATCH /api/me`); null goes back to the browser's choice. */
export interface ProfileChanges {
  readonly name?: string;
  readonly language?: Language | null;
  readonly timeZone?: string | null;
}

/** The person signed in to this browser. */
export interface Session {
  readonly userId: string;
  readonly name: string;
  readonly email: string;
  readonly role: Role;
  /** Their chosen language; null follows the browser. */
  readonly language: Language | null;
  /** Their chosen IANA time zone; null follows the browser. */
  readonly timeZone: string | null;
  /** Saves changes to their account; the session shows them once the server has them. */
  updateProfile(changes: ProfileChanges): Promise<User>;
  /** Ends the session on the server (`DELETE /api/session`) and goes to the sign-in page. */
  signOut(): Promise<void>;
}

/** Undefined outside the signed-in part of the app (the sign-in, setup and invite pages). */
export const SessionContext = createContext<Session | undefined>(undefined);
