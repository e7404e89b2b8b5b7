/** What the user chose in the header: follow the system, or a fixed theme. */
export type ThemePreference = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

export const THEME_STORAGE_KEY = 'portico.theme.v1';

/** Stored text to a preference; anything unknown (or nothing) follows the system. */
export function parseThemePreference(text: string | null): ThemePreference {
  return text === 'light' || text === 'dark' ? text : 'system';
}

export function resolveTheme(preference: ThemePreference, systemDark: boolean): Theme {
  if (preference === 'system') return systemDark ? 'dark' : 'light';
  return preference;
}

/**
 * The toggle flips what is on screen. Choosing the theme the system already gives goes back
 * to following the system, so a later change of the system setting is followed again.
 */
export function toggledPreference(current: Theme, systemDark: boolean): ThemePreference {
  const next: Theme = current === 'dark' ? 'light' : 'dark';
  return next === (systemDark ? 'dark' : 'light') ? 'system' : next;
}
