import { useContext } from 'react';
import { type Session, SessionContext } from './session.ts';

/** The signed-in person, or undefined when nobody is. */
export function useSession(): Session | undefined {
  return useContext(SessionContext);
}
