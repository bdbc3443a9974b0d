import { useState } from 'react';

/**
 * The `token` of the page's fragment (`/setup#token=…`, `/invite#token=…`): a fragment never
 * leaves the browser, so the token is in no server's or proxy's log. Read once, as the page opens.
 */
export function useFragmentToken(): string | undefined {
  const [token] = useState(() => {
    const value = new URLSearchParams(window.location.hash.replace(/^#/, '')).get('token')?.trim();
    return value === undefined || value === '' ? undefined : value;
  });
  return token;
}
