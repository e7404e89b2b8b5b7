import { lazy, Suspense } from 'react';
import { lazyDefault, lazyModule } from '../core/util/lazy-module';
import './json-editor.css';

export interface JsonEditorProps {
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  /** Accessible name of the editing surface, e.g. "Request body". */
  label: string;
  invalid?: boolean;
  /** Id of the element that explains the error. */
  describedBy?: string;
  /** 1-based position to mark as the error. */
  errorAt?: { line: number; column: number };
  /** JSON gets highlighting and bracket matching; anything else is edited as plain text. */
  language?: 'json' | 'text';
}

const codeMirrorEditor = lazyModule(() => import('./json-editor-codemirror'));
const CodeMirrorJsonEditor = lazy(lazyDefault(codeMirrorEditor, (m) => m.CodeMirrorJsonEditor));

/** Fetches CodeMirror ahead of the first editor, which then renders it at once. */
export const preloadJsonEditor = (): Promise<unknown> => codeMirrorEditor.load();

/** A textarea: shown while the editor loads, and if it cannot load at all. */
export function PlainTextEditor(props: JsonEditorProps) {
  return (
    <textarea
      className="json-editor json-editor--plain"
      aria-label={props.label}
      aria-invalid={props.invalid || undefined}
      aria-describedby={props.describedBy}
      spellCheck={false}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      onBlur={props.onBlur}
      rows={Math.min(18, Math.max(6, props.value.split('\n').length + 1))}
    />
  );
}

/**
 * The body editor. CodeMirror is big, so it loads on demand; the textarea keeps whatever the
 * user types in the meantime, and the editor picks it up from the same value.
 */
export function JsonEditor(props: JsonEditorProps) {
  return (
    <Suspense fallback={<PlainTextEditor {...props} />}>
      <CodeMirrorJsonEditor {...props} />
    </Suspense>
  );
}
