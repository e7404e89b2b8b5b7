import { useEffect, useRef, type RefObject } from 'react';

/**
 * Ctrl+Enter (⌘+Enter) sends from anywhere in the form. Listens in the capture phase, so the
 * shortcut also works inside the body editor, which handles Enter itself.
 */
export function useSendShortcut(
  formRef: RefObject<HTMLFormElement | null>,
  send: () => unknown,
): void {
  // The latest send, without re-adding the listener on every render.
  const sendRef = useRef(send);
  useEffect(() => {
    sendRef.current = send;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey)) return;
      if (!(e.target instanceof Node) || !formRef.current?.contains(e.target)) return;
      e.preventDefault();
      void sendRef.current();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [formRef]);
}
