import { EditorView, type Extension } from '@uiw/react-codemirror';

/**
 * What every editor of the portal shares: the page's font and gutters, the tint of a line the
 * app marks as wrong, and a dark theme made of the page's own tokens, so an editor keeps the
 * contrast the rest of the page has. Each editor adds its language's colours.
 */
export const editorTheme = EditorView.theme({
  '&': { fontSize: 'var(--text-sm)' },
  '.cm-content': { fontFamily: 'var(--font-mono)' },
  '.cm-gutters': {
    background: 'var(--color-surface-2)',
    borderRight: '1px solid var(--color-border)',
    color: 'var(--color-text-muted)',
  },
  '.cm-portico-error-line': { background: 'var(--color-danger-soft)' },
  '.cm-portico-error-mark': {
    textDecoration: 'underline wavy var(--color-danger)',
    textUnderlineOffset: '3px',
  },
});

export const darkEditorTheme: Extension = EditorView.theme(
  {
    '&': { background: 'var(--color-surface)', color: 'var(--color-text)' },
    '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--color-text)' },
    '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection': {
      background: 'var(--color-accent-soft)',
    },
    '.cm-activeLine': { background: 'var(--color-surface-2)' },
    '.cm-activeLineGutter': { background: 'var(--color-border)' },
  },
  { dark: true },
);
