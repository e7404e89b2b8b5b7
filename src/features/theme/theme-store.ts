import {
  parseThemePreference,
  resolveTheme,
  THEME_STORAGE_KEY,
  toggledPreference,
  type Theme,
  type ThemePreference,
} from '../../core/util/theme-preference';
import {
  browserStorage,
  readStored,
  removeStored,
  writeStored,
} from '../../core/util/browser-storage';

const systemQuery = (): MediaQueryList | undefined =>
  typeof window.matchMedia === 'function'
    ? window.matchMedia('(prefers-color-scheme: dark)')
    : undefined;

function readPreference(): ThemePreference {
  return parseThemePreference(readStored(browserStorage('local'), THEME_STORAGE_KEY));
}

function apply(preference: ThemePreference): void {
  const theme = resolveTheme(preference, systemQuery()?.matches ?? false);
  document.documentElement.dataset.theme = theme;
  document.documentElement.style.colorScheme = theme;
}

/**
 * Sets the theme before the first render (no inline script: the CSP forbids one) and keeps
 * following the system setting while the preference is "system".
 */
export function startTheme(): void {
  apply(readPreference());
  systemQuery()?.addEventListener('change', () => apply(readPreference()));
  // Another tab toggled: follow it.
  window.addEventListener('storage', (e) => {
    if (e.key === THEME_STORAGE_KEY) apply(readPreference());
  });
}

export function currentTheme(): Theme {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}

export function toggleTheme(): void {
  const next = toggledPreference(currentTheme(), systemQuery()?.matches ?? false);
  // Storage blocked: the theme still changes for this visit.
  const local = browserStorage('local');
  if (next === 'system') removeStored(local, THEME_STORAGE_KEY);
  else writeStored(local, THEME_STORAGE_KEY, next);
  apply(next);
}
