import { useEffect, useRef } from 'react';
import './keyboard-shortcuts.css';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl';

/** What the dialog lists; each works from the keyboard alone. */
export const SHORTCUTS: ReadonlyArray<{ keys: string[]; action: string }> = [
  { keys: ['/', `${MOD}+K`], action: 'Filter operations' },
  { keys: ['j', 'Alt+↓'], action: 'Next operation' },
  { keys: ['k', 'Alt+↑'], action: 'Previous operation' },
  { keys: [`${MOD}+Enter`], action: 'Send the request (in the Try it form)' },
  { keys: ['Esc'], action: 'Cancel the request being sent' },
  { keys: ['t'], action: 'Switch between light and dark theme' },
  { keys: ['?'], action: 'Show this list' },
];

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

/** Focus goes to Close, the dialog's one control, so Enter, Space or Esc closes it again. */
function openDialog(dialog: HTMLDialogElement | null, close: HTMLButtonElement | null): void {
  dialog?.showModal();
  close?.focus();
}

/**
 * The global shortcuts (outside text fields) and the "?" dialog listing them. A native
 * <dialog> opened modally keeps focus inside and closes on Esc.
 */
export function KeyboardShortcuts({ onToggleTheme }: { onToggleTheme: () => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const toggleRef = useRef(onToggleTheme);
  useEffect(() => {
    toggleRef.current = onToggleTheme;
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey) return;
      if (e.altKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
        e.preventDefault();
        moveOperation(e.key === 'ArrowDown' ? 1 : -1);
        return;
      }
      if (e.altKey || isEditable(e.target) || dialogRef.current?.open) return;
      if (e.key === '?') {
        e.preventDefault();
        openDialog(dialogRef.current, closeRef.current);
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
  }, []);

  return (
    <>
      <button
        type="button"
        className="button button--ghost keyboard-shortcuts__open"
        aria-keyshortcuts="Shift+?"
        onClick={() => openDialog(dialogRef.current, closeRef.current)}
      >
        <span aria-hidden="true">?</span>
        <span className="visually-hidden">Keyboard shortcuts</span>
      </button>
      <dialog
        ref={dialogRef}
        className="keyboard-shortcuts"
        aria-labelledby="keyboard-shortcuts-title"
      >
        <h2 id="keyboard-shortcuts-title" className="keyboard-shortcuts__title">
          Keyboard shortcuts
        </h2>
        <table className="keyboard-shortcuts__table">
          <thead>
            <tr>
              <th scope="col">Keys</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.action}>
                <td>
                  {s.keys.map((k, i) => (
                    <span key={k}>
                      {i > 0 && ' or '}
                      <kbd className="kbd">{k}</kbd>
                    </span>
                  ))}
                </td>
                <td>{s.action}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <form method="dialog">
          <button ref={closeRef} type="submit" className="button">
            Close
          </button>
        </form>
      </dialog>
    </>
  );
}
