import { lazy, Suspense } from 'react';
import { lazyDefault, lazyModule } from '../core/util/lazy-module';
import './json-editor.css';

export interface XmlEditorProps {
  value: string;
  onChange: (value: string) => void;
  /** Accessible name of the editing surface, e.g. "Policy XML". */
  label: string;
  /** Id of the element that explains the error. */
  describedBy?: string;
  /** A refusal at a 1-based position: marked at its line, with its message as a diagnostic. */
  problem?: { line: number; column: number; message: string };
}

// CodeMirror with the XML language loads only when an XML editor is first shown.
const codeMirrorXml = lazyModule(() => import('./xml-editor-codemirror'));
const CodeMirrorXmlEditor = lazy(lazyDefault(codeMirrorXml, (m) => m.CodeMirrorXmlEditor));

/** A textarea while the editor loads, and if it cannot load at all. */
function PlainXmlEditor(props: XmlEditorProps) {
  return (
    <textarea
      className="json-editor json-editor--plain"
      aria-label={props.label}
      aria-invalid={props.problem ? true : undefined}
      aria-describedby={props.describedBy}
      spellCheck={false}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      rows={Math.min(24, Math.max(8, props.value.split('\n').length + 1))}
    />
  );
}

/** The policy editor: CodeMirror's XML mode, fetched on demand; what is typed meanwhile stays. */
export function XmlEditor(props: XmlEditorProps) {
  return (
    <Suspense fallback={<PlainXmlEditor {...props} />}>
      <CodeMirrorXmlEditor {...props} />
    </Suspense>
  );
}
