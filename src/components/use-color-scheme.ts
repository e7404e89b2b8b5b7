import { useSyncExternalStore } from 'react';
import type { Theme } from '../core/util/theme-preference';

function subscribe(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}

const current = (): Theme => (document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light');

/** The theme on screen (the data-theme of <html>), for parts styled in JS such as CodeMirror. */
export function useColorScheme(): Theme {
  return useSyncExternalStore(subscribe, current, () => 'light');
}
