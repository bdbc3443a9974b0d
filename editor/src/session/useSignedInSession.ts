import { useContext } from 'react';
import { type Session, SessionContext } from './session.ts';

/** The signed-in person, for screens inside the app shell, which only renders once someone is signed in. */
export function useSignedInSession(): Session {
  const session = useContext(SessionContext);
  if (session === undefined) throw new Error('useSignedInSession needs a <SessionProvider> above it: the screen is outside the signed-in app.');
  return session;
}
