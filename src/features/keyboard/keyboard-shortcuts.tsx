import { useCallback, useEffect, useRef, useState } from 'react';
import { lazyModule } from '../../core/util/lazy-module';
import { useLazyModule } from '../../hooks/use-lazy-module';
import './keyboard-shortcuts.css';

// The list of shortcuts is not part of the first page: it downloads on the first "?" (or
// earlier, when the browser is idle), while the keys themselves work from the start.
const shortcutsDialog = lazyModule(() => import('./keyboard-shortcuts-dialog'));
export const preloadShortcutsDialog = (): Promise<unknown> => shortcutsDialog.load();

function isEditable(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable ||
      target instanceof HTMLInputElement ||
      target instanceof HTMLTextAreaElement ||
      target instanceof HTMLSelectElement)
  );
}

/** Follows the sidebar's order: the link after (or before) the current operation. */
function moveOperation(step: 1 | -1): void {
  const links = [...document.querySelectorAll<HTMLAnchorElement>('[data-op-link]')];
  if (links.length === 0) return;
  const at = links.findIndex((l) => l.getAttribute('aria-current') === 'page');
  const next = at === -1 ? links[step === 1 ? 0 : links.length - 1] : links[at + step];
  if (!next) return;
  next.click();
  next.focus();
}

/** The global shortcuts (outside text fields), and the "?" button and dialog listing them. */
export function KeyboardShortcuts({ onToggleTheme }: { onToggleTheme: () => void }) {
  const [open, setOpen] = useState(false);
  const dialog = useLazyModule(shortcutsDialog, false);
  const openRef = useRef(open);
  const toggleRef = useRef(onToggleTheme);
  useEffect(() => {
    openRef.current = open;
    toggleRef.current = onToggleTheme;
  });

  const show = useCallback(() => {
    openRef.current = true;
    setOpen(true);
    shortcutsDialog.load().catch((error: unknown) => {
      // The shortcuts still work; the list can be asked for again.
      console.error('Portico: the keyboard shortcuts list could not be loaded', error);
      openRef.current = false;
      setOpen(false);
    });
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey) return;
      if (e.altKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
        e.preventDefault();
        moveOperation(e.key === 'ArrowDown' ? 1 : -1);
        return;
      }
      if (e.altKey || isEditable(e.target) || openRef.current) return;
      if (e.key === '?') {
        e.preventDefault();
        show();
      } else if (e.key === 'j' || e.key === 'k') {
        e.preventDefault();
        moveOperation(e.key === 'j' ? 1 : -1);
      } else if (e.key === 't') {
        e.preventDefault();
        toggleRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [show]);

  return (
    <>
      <button
        type="button"
        className="button button--ghost keyboard-shortcuts__open"
        aria-keyshortcuts="Shift+?"
        onClick={show}
      >
        <span aria-hidden="true">?</span>
        <span className="visually-hidden">Keyboard shortcuts</span>
      </button>
      {open && dialog && (
        <dialog.KeyboardShortcutsDialog
          onClose={() => {
            // At once, not after the next render's effect: a key pressed right after Esc counts.
            openRef.current = false;
            setOpen(false);
          }}
        />
      )}
    </>
  );
}
