import { describe, expect, it } from 'vitest';
import { parseThemePreference, resolveTheme, toggledPreference } from './theme-preference';

describe('theme preference', () => {
  it('follows the system unless light or dark was chosen', () => {
    expect(parseThemePreference(null)).toBe('system');
    expect(parseThemePreference('purple')).toBe('system');
    expect(parseThemePreference('dark')).toBe('dark');
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
  });

  it('toggles to the other theme, and back to following the system', () => {
    expect(toggledPreference('light', false)).toBe('dark');
    expect(toggledPreference('dark', false)).toBe('system');
    expect(toggledPreference('dark', true)).toBe('light');
    expect(toggledPreference('light', true)).toBe('system');
  });
});
