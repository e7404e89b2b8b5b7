import { useEffect, type KeyboardEvent, type RefObject } from 'react';

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * The "Filter operations" box. "/" (outside a field) and Ctrl/Cmd+K focus it from anywhere;
 * Enter opens the first match, ArrowDown moves into the list, Escape clears it.
 */
export function FilterBox({
  inputRef,
  navRef,
  query,
  onQueryChange,
}: {
  inputRef: RefObject<HTMLInputElement | null>;
  /** The operation list the keys move into. */
  navRef: RefObject<HTMLElement | null>;
  query: string;
  onQueryChange: (query: string) => void;
}) {
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const modK = (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k';
      if (modK || (e.key === '/' && !e.ctrlKey && !e.metaKey && !isEditable(e.target))) {
        e.preventDefault();
        inputRef.current?.focus();
        inputRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [inputRef]);

  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    const firstLink = () => navRef.current?.querySelector<HTMLAnchorElement>('[data-op-link]');
    if (e.key === 'Enter') {
      const link = firstLink();
      if (link) {
        e.preventDefault();
        link.click();
      }
    } else if (e.key === 'ArrowDown') {
      const link = firstLink();
      if (link) {
        e.preventDefault();
        link.focus();
      }
    } else if (e.key === 'Escape' && query) {
      e.preventDefault();
      onQueryChange('');
    }
  };

  return (
    <div className="app-header__search">
      <svg
        className="app-header__search-icon"
        viewBox="0 0 24 24"
        width="16"
        height="16"
        aria-hidden="true"
      >
        <circle cx="11" cy="11" r="7" fill="none" stroke="currentColor" strokeWidth="2" />
        <path d="m20 20-3.5-3.5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
      <input
        ref={inputRef}
        type="search"
        className="input app-header__search-input"
        placeholder="Filter operations"
        aria-label="Filter operations"
        aria-keyshortcuts="/ Control+K Meta+K"
        value={query}
        onChange={(e) => onQueryChange(e.target.value)}
        onKeyDown={onSearchKey}
        autoComplete="off"
        spellCheck={false}
      />
      <kbd className="kbd app-header__search-kbd" aria-hidden="true">
        {isMac ? '⌘K' : '/'}
      </kbd>
    </div>
  );
}
