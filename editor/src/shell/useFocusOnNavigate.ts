import { useRouter } from '@tanstack/react-router';
import { type RefObject, useEffect } from 'react';

/**
 * Moves focus to `target` (the main region) when the app goes to another page, as a full page
 * load would: a keyboard or screen-reader user starts at the new content, not on the link they
 * left. The first load keeps the browser's own focus, so the skip link stays the first stop.
 */
export function useFocusOnNavigate(target: RefObject<HTMLElement | null>): void {
  const router = useRouter();
  useEffect(
    () =>
      router.subscribe('onResolved', (event) => {
        if (event.pathChanged && event.fromLocation !== undefined) target.current?.focus({ preventScroll: true });
      }),
    [router, target],
  );
}
