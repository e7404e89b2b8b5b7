import { useEffect } from 'react';

/** Esc cancels the request being sent (while one is pending), wherever the focus is. */
export function useCancelShortcut(pending: boolean, cancel: () => void): void {
  useEffect(() => {
    if (!pending) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      cancel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [pending, cancel]);
}
