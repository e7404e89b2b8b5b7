import { useMemo, type ReactNode } from 'react';
import { CopyButton } from './copy-button';
import './code-block.css';

const JSON_TOKEN =
  /("(?:[^"\\]|\\.)*")(\s*:)?|\b(true|false)\b|\b(null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|([{}[\],])/g;

// Beyond this, colouring costs more than it helps; the text is still shown in full.
const HIGHLIGHT_LIMIT = 200_000;

/** Splits JSON text into coloured spans: React text nodes only, never HTML. */
function highlightJson(code: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let key = 0;
  for (const m of code.matchAll(JSON_TOKEN)) {
    const index = m.index;
    if (index > last) out.push(code.slice(last, index));
    const [text, str, colon, bool, nul, num] = m;
    let cls = 'punct';
    if (str !== undefined) cls = colon !== undefined ? 'key' : 'string';
    else if (bool !== undefined) cls = 'boolean';
    else if (nul !== undefined) cls = 'null';
    else if (num !== undefined) cls = 'number';
    if (str !== undefined && colon !== undefined) {
      out.push(
        <span key={key++} className="tok-key">
          {str}
        </span>,
        colon,
      );
    } else {
      out.push(
        <span key={key++} className={`tok-${cls}`}>
          {text}
        </span>,
      );
    }
    last = index + text.length;
  }
  if (last < code.length) out.push(code.slice(last));
  return out;
}

export function CodeBlock({
  code,
  language = 'text',
  label,
  copy = true,
}: {
  code: string;
  language?: 'json' | 'text' | 'shell';
  label?: string;
  copy?: boolean;
}) {
  const content = useMemo(
    () => (language === 'json' && code.length <= HIGHLIGHT_LIMIT ? highlightJson(code) : code),
    [code, language],
  );
  return (
    <div className="code-block">
      {copy && (
        <div className="code-block__actions">
          <CopyButton text={code} className="button button--on-dark button--small" />
        </div>
      )}
      <pre className="code-block__pre" aria-label={label} tabIndex={0}>
        <code>{content}</code>
      </pre>
    </div>
  );
}
