import { xml } from '@codemirror/lang-xml';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { tags } from '@lezer/highlight';
import CodeMirror, { Decoration, EditorView, type Extension } from '@uiw/react-codemirror';
import { useMemo } from 'react';
import type { XmlEditorProps } from './xml-editor';
import { darkEditorTheme, editorTheme } from './codemirror-look';
import { useColorScheme } from './use-color-scheme';

const errorLine = Decoration.line({ class: 'cm-portico-error-line' });

function lineRange(view: EditorView, line: number, column: number) {
  const doc = view.state.doc;
  const at = doc.line(Math.min(Math.max(line, 1), doc.lines));
  const from = Math.min(at.from + Math.max(column - 1, 0), at.to);
  return { line: at, from, to: Math.max(from, at.to) };
}

/** The refused line: a lint diagnostic (gutter marker, underline, message) and a tinted line. */
function problemExtensions(problem: NonNullable<XmlEditorProps['problem']>): Extension[] {
  return [
    lintGutter(),
    linter(
      (view): Diagnostic[] => {
        const { from, to } = lineRange(view, problem.line, problem.column);
        return [{ from, to, severity: 'error', message: problem.message, source: 'gateway' }];
      },
      { delay: 0 },
    ),
    EditorView.decorations.of((view) =>
      Decoration.set([errorLine.range(lineRange(view, problem.line, problem.column).line.from)]),
    ),
  ];
}

// The page's own colour tokens, so both themes keep the contrast the rest of the page has.
const highlight = syntaxHighlighting(
  HighlightStyle.define([
    { tag: [tags.tagName, tags.angleBracket], color: 'var(--syntax-key)' },
    { tag: tags.attributeName, color: 'var(--syntax-number)' },
    { tag: tags.attributeValue, color: 'var(--syntax-string)' },
    { tag: tags.comment, color: 'var(--color-text-muted)' },
  ]),
);

export function CodeMirrorXmlEditor({
  value,
  onChange,
  label,
  describedBy,
  problem,
}: XmlEditorProps) {
  const colorScheme = useColorScheme();
  const extensions = useMemo(() => {
    const attrs: Record<string, string> = { 'aria-label': label, 'aria-multiline': 'true' };
    if (problem) attrs['aria-invalid'] = 'true';
    if (describedBy) attrs['aria-describedby'] = describedBy;
    const list: Extension[] = [
      editorTheme,
      xml(),
      highlight,
      EditorView.lineWrapping,
      EditorView.contentAttributes.of(attrs),
    ];
    if (problem) list.push(...problemExtensions(problem));
    return list;
  }, [label, describedBy, problem]);
  return (
    <CodeMirror
      className={`json-editor json-editor--code${problem ? ' json-editor--invalid' : ''}`}
      value={value}
      onChange={onChange}
      extensions={extensions}
      theme={colorScheme === 'dark' ? darkEditorTheme : 'light'}
      minHeight="160px"
      maxHeight="480px"
      basicSetup={{ foldGutter: true, highlightActiveLine: true, autocompletion: false }}
    />
  );
}
