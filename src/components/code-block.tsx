import { useMemo, type ReactNode } from 'react';
import { tokenizeJsonLine } from '../core/response/response-json-tokens';
import type { CodeToken } from '../core/request/code-sample-tokens';
import { CopyButton } from './copy-button';
import './code-block.css';

// Beyond this, colouring costs more than it helps; the text is still shown in full.
const HIGHLIGHT_LIMIT = 200_000;

/** Coloured spans per line, from the same tokenizer as the response view: text nodes only, never HTML. */
function highlightJson(code: string): ReactNode[] {
  return code.split('\n').flatMap((line, row) => [
    ...(row > 0 ? ['\n'] : []),
    ...tokenizeJsonLine(line).map((t, i) =>
      t.kind === 'text' ? (
        t.text
      ) : (
        <span key={`${row}-${i}`} className={`tok-${t.kind}`}>
          {t.text}
        </span>
      ),
    ),
  ]);
}

function colouredRuns(tokens: CodeToken[]): ReactNode[] {
  return tokens.map((t, i) =>
    t.kind === 'text' ? (
      t.text
    ) : (
      <span key={i} className={`tok-${t.kind}`}>
        {t.text}
      </span>
    ),
  );
}

export function CodeBlock({
  code,
  language = 'text',
  tokens,
  label,
  copy = true,
}: {
  code: string;
  language?: 'json' | 'text' | 'shell';
  /** Coloured runs of `code` made elsewhere (code samples: core's tokenizeCodeSample). */
  tokens?: CodeToken[] | undefined;
  label?: string;
  copy?: boolean;
}) {
  const content = useMemo(
    () =>
      tokens
        ? colouredRuns(tokens)
        : language === 'json' && code.length <= HIGHLIGHT_LIMIT
          ? highlightJson(code)
          : code,
    [code, language, tokens],
  );
  return (
    <div className="code-block">
      {/* A bar of its own: the button and its "Copied" never cover a line of the code. */}
      {copy && (
        <div className="code-block__bar">
          <CopyButton text={code} className="button button--on-dark button--small" />
        </div>
      )}
      <pre className="code-block__pre" aria-label={label} tabIndex={0}>
        <code>{content}</code>
      </pre>
    </div>
  );
}
