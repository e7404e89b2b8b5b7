import { json } from '@codemirror/lang-json';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { tags } from '@lezer/highlight';
import CodeMirror, {
  Decoration,
  EditorView,
  keymap,
  Prec,
  type Extension,
} from '@uiw/react-codemirror';
import { useMemo } from 'react';
import type { JsonEditorProps } from './json-editor';
import { darkEditorTheme, editorTheme } from './codemirror-look';
import { useColorScheme } from './use-color-scheme';

const errorLine = Decoration.line({ class: 'cm-portico-error-line' });
const errorMark = Decoration.mark({ class: 'cm-portico-error-mark' });

function errorDecorations(at: { line: number; column: number }): Extension {
  return EditorView.decorations.of((view) => {
    const doc = view.state.doc;
    const lineNo = Math.min(Math.max(at.line, 1), doc.lines);
    const line = doc.line(lineNo);
    const from = Math.min(line.from + Math.max(at.column - 1, 0), line.to);
    const to = Math.min(from + 1, line.to);
    const ranges = [errorLine.range(line.from)];
    if (to > from) ranges.push(errorMark.range(from, to));
    return Decoration.set(ranges, true);
  });
}

// Dark theme: the page's own tokens, so the editor keeps the contrast the rest of the page has.
const darkTheme: Extension = [
  darkEditorTheme,
  syntaxHighlighting(
    HighlightStyle.define([
      { tag: tags.propertyName, color: 'var(--syntax-key)' },
      { tag: tags.string, color: 'var(--syntax-string)' },
      { tag: tags.number, color: 'var(--syntax-number)' },
      { tag: [tags.bool, tags.null], color: 'var(--syntax-boolean)' },
      { tag: [tags.punctuation, tags.bracket, tags.separator], color: 'var(--color-text-muted)' },
    ]),
  ),
];

// The console sends on Ctrl/Cmd+Enter; without this the editor would also insert a line.
const swallowModEnter = Prec.highest(keymap.of([{ key: 'Mod-Enter', run: () => true }]));

export function CodeMirrorJsonEditor({
  value,
  onChange,
  onBlur,
  label,
  invalid,
  describedBy,
  errorAt,
  language = 'json',
}: JsonEditorProps) {
  const colorScheme = useColorScheme();
  const extensions = useMemo(() => {
    // tabindex: the editable content is in the tab order anyway; said out loud, axe sees that an
    // editor taller than its 460 px scrolls a region the keyboard can reach.
    const attrs: Record<string, string> = {
      'aria-label': label,
      'aria-multiline': 'true',
      tabindex: '0',
    };
    if (invalid) attrs['aria-invalid'] = 'true';
    if (describedBy) attrs['aria-describedby'] = describedBy;
    const list: Extension[] = [
      editorTheme,
      swallowModEnter,
      EditorView.lineWrapping,
      EditorView.contentAttributes.of(attrs),
    ];
    if (language === 'json') list.push(json());
    if (errorAt) list.push(errorDecorations(errorAt));
    return list;
  }, [label, invalid, describedBy, errorAt, language]);

  return (
    <CodeMirror
      className={`json-editor json-editor--code${invalid ? ' json-editor--invalid' : ''}`}
      value={value}
      onChange={onChange}
      onBlur={onBlur}
      extensions={extensions}
      theme={colorScheme === 'dark' ? darkTheme : 'light'}
      minHeight="140px"
      maxHeight="460px"
      basicSetup={{
        foldGutter: true,
        highlightActiveLine: true,
        autocompletion: false,
        searchKeymap: true,
      }}
    />
  );
}
