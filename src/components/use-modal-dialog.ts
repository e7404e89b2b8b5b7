import { useEffect, useRef } from 'react';

/**
 * A native <dialog> shown modally while its component is mounted, with focus on the control
 * `focusRef` names (its Close button): the browser keeps focus inside, closes it on Esc and
 * gives focus back to where it was; the dialog's `onClose` then unmounts it.
 */
export function useModalDialog() {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const focusRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    // Unmounting removes it from the top layer; closing here would report a close.
    if (!dialog || dialog.open) return;
    dialog.showModal();
    focusRef.current?.focus();
  }, []);
  return { dialogRef, focusRef };
}
