import type { ReactNode } from 'react';
import { type Access, canAccess } from './access.ts';
import { NoAccessScreen } from './NoAccessScreen.tsx';
import { useSignedInSession } from './useSignedInSession.ts';

export type Section = 'flows' | 'templates' | 'runs' | 'settings';

/** The screen when the person's role may open it; otherwise a screen saying who may, never a blank page. */
export function RequireAccess({ access, section, children }: { readonly access: Access; readonly section: Section; readonly children: ReactNode }) {
  const session = useSignedInSession();
  if (canAccess(session.role, access)) return children;
  return <NoAccessScreen access={access} section={section} />;
}
