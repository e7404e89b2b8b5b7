import type { StreamParser } from '@codemirror/language';

export type CodeTokenKind =
  'keyword' | 'string' | 'number' | 'comment' | 'variable' | 'property' | 'text';

export interface CodeToken {
  kind: CodeTokenKind;
  text: string;
}

/** The languages of SNIPPET_TARGETS, plus 'text' for anything left uncoloured. */
export type CodeLanguage =
  'shell' | 'javascript' | 'python' | 'csharp' | 'powershell' | 'r' | 'text';

// CodeMirror's stream parsers (@codemirror/legacy-modes), each its own small chunk, loaded
// with the parser only when a sample in that language is shown.
const MODES: Record<Exclude<CodeLanguage, 'text'>, () => Promise<StreamParser<unknown>>> = {
  shell: () => import('@codemirror/legacy-modes/mode/shell').then((m) => m.shell),
  javascript: () => import('@codemirror/legacy-modes/mode/javascript').then((m) => m.javascript),
  python: () => import('@codemirror/legacy-modes/mode/python').then((m) => m.python),
  csharp: () => import('@codemirror/legacy-modes/mode/clike').then((m) => m.csharp),
  powershell: () => import('@codemirror/legacy-modes/mode/powershell').then((m) => m.powerShell),
  r: () => import('@codemirror/legacy-modes/mode/r').then((m) => m.r),
};

/**
 * A code sample cut into coloured runs, by the same parsers and highlight tags the body
 * editor uses (@codemirror/language, @lezer/highlight), without an editor. The runs give back
 * the code exactly; what no rule colours is 'text'. Plain runs, never HTML.
 */
export async function tokenizeCodeSample(
  code: string,
  language: CodeLanguage,
): Promise<CodeToken[]> {
  if (language === 'text') return code === '' ? [] : [{ kind: 'text', text: code }];
  const [{ StreamLanguage }, { highlightTree, tagHighlighter, tags }, mode] = await Promise.all([
    import('@codemirror/language'),
    import('@lezer/highlight'),
    MODES[language](),
  ]);
  const highlighter = tagHighlighter([
    { tag: tags.comment, class: 'comment' },
    { tag: tags.keyword, class: 'keyword' },
    { tag: [tags.string, tags.special(tags.string), tags.regexp], class: 'string' },
    { tag: [tags.number, tags.bool, tags.atom], class: 'number' },
    { tag: tags.propertyName, class: 'property' },
    // Only names being defined or read from the environment ($AZUREML_API_KEY), not every word.
    { tag: tags.definition(tags.variableName), class: 'variable' },
  ]);
  const tree = StreamLanguage.define(mode).parser.parse(code);
  const tokens: CodeToken[] = [];
  const push = (kind: CodeTokenKind, text: string) => {
    if (text === '') return;
    const last = tokens[tokens.length - 1];
    if (last && last.kind === kind) last.text += text;
    else tokens.push({ kind, text });
  };
  let at = 0;
  highlightTree(tree, highlighter, (from, to, classes) => {
    push('text', code.slice(at, from));
    push(classes.split(' ')[0] as CodeTokenKind, code.slice(from, to));
    at = to;
  });
  push('text', code.slice(at));
  return tokens;
}
