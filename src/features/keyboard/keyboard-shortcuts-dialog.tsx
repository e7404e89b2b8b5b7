import { useModalDialog } from '../../components/use-modal-dialog';
import './keyboard-shortcuts-dialog.css';

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

/**
 * The list of shortcuts, open (modally) while it is mounted. A native <dialog> keeps focus
 * inside, closes on Esc and gives focus back to where it was; `onClose` then unmounts it.
 */
export function KeyboardShortcutsDialog({ onClose }: { onClose: () => void }) {
  // Close is the dialog's one control, so Enter, Space or Esc closes it again.
  const { dialogRef, focusRef: closeRef } = useModalDialog();

  return (
    <dialog
      ref={dialogRef}
      className="keyboard-shortcuts"
      aria-labelledby="keyboard-shortcuts-title"
      onClose={onClose}
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
  );
}
