import type { ReactNode, RefObject } from 'react';
import { Link } from 'wouter';
import { ThemeToggle } from '../features/theme/theme-toggle';
import { toggleTheme } from '../features/theme/theme-store';
import { KeyboardShortcuts } from '../features/keyboard/keyboard-shortcuts';
import { paths } from './api-paths';

function SettingsIcon() {
  return (
    <svg
      className="app-header__settings-icon"
      viewBox="0 0 24 24"
      width="18"
      height="18"
      aria-hidden="true"
    >
      <path
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
        d="M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6Z M19.4 15a1.65 1.65 0 0 0 .33 1.82l.06.06a2 2 0 1 1-2.83 2.83l-.06-.06a1.65 1.65 0 0 0-1.82-.33 1.65 1.65 0 0 0-1 1.51V21a2 2 0 1 1-4 0v-.09a1.65 1.65 0 0 0-1-1.51 1.65 1.65 0 0 0-1.82.33l-.06.06a2 2 0 1 1-2.83-2.83l.06-.06a1.65 1.65 0 0 0 .33-1.82 1.65 1.65 0 0 0-1.51-1H3a2 2 0 1 1 0-4h.09a1.65 1.65 0 0 0 1.51-1 1.65 1.65 0 0 0-.33-1.82l-.06-.06a2 2 0 1 1 2.83-2.83l.06.06a1.65 1.65 0 0 0 1.82.33h.08a1.65 1.65 0 0 0 1-1.51V3a2 2 0 1 1 4 0v.09a1.65 1.65 0 0 0 1 1.51 1.65 1.65 0 0 0 1.82-.33l.06-.06a2 2 0 1 1 2.83 2.83l-.06.06a1.65 1.65 0 0 0-.33 1.82v.08a1.65 1.65 0 0 0 1.51 1H21a2 2 0 1 1 0 4h-.09a1.65 1.65 0 0 0-1.51 1Z"
      />
    </svg>
  );
}

/**
 * The top bar: the menu button (small screens), the brand, and the controls the shell hands
 * in (API picker, filter, environment). The theme toggle and the keyboard shortcuts dialog
 * come before them at the end, Settings always last.
 */
export function ShellHeader({
  title,
  location,
  menuOpen,
  menuButtonRef,
  onMenuToggle,
  start,
  end,
}: {
  title: string;
  location: string;
  menuOpen: boolean;
  menuButtonRef: RefObject<HTMLButtonElement | null>;
  onMenuToggle: () => void;
  /** After the brand: the API picker and the filter. */
  start: ReactNode;
  /** Before Settings: the environment select. */
  end: ReactNode;
}) {
  return (
    <header className="app-header">
      <div className="app-header__row">
        <button
          ref={menuButtonRef}
          type="button"
          className="button button--ghost app-header__menu"
          aria-expanded={menuOpen}
          aria-controls="app-sidebar"
          onClick={onMenuToggle}
        >
          <span className="app-header__menu-icon" aria-hidden="true" />
          <span className="visually-hidden">
            {menuOpen ? 'Hide operations' : 'Show operations'}
          </span>
        </button>
        <Link href="/" className="brand" aria-label={`${title} home`}>
          <span className="brand__mark" aria-hidden="true" />
          <span className="brand__name">{title}</span>
        </Link>
        {start}
        <div className="app-header__end">
          <ThemeToggle />
          <KeyboardShortcuts onToggleTheme={toggleTheme} />
          {end}
          <Link
            href={paths.settings}
            className="button button--ghost app-header__settings"
            aria-current={location === paths.settings ? 'page' : undefined}
          >
            <SettingsIcon />
            <span className="app-header__settings-text">Settings</span>
          </Link>
        </div>
      </div>
    </header>
  );
}
