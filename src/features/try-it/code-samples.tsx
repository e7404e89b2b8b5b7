import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import type { HttpRequest } from '../../core/request/build-request';
import { snippetTargetsFor, type SnippetTarget } from '../../core/request/code-samples';
import { snippetQuery } from '../../queries/snippet-queries';
import { ErrorMessage } from '../../components/error-message';
import { CodeBlock } from '../../components/code-block';

// Short tab labels; core's list decides which languages exist.
const SHORT_LABEL: Partial<Record<SnippetTarget, string>> = {
  'javascript-fetch': 'JavaScript',
  'python-requests': 'Python',
  'csharp-httpclient': 'C#',
  'r-httr': 'R',
  'python-azureml': 'Python (Consume)',
  'csharp-azureml': 'C# (Consume)',
  'r-azureml': 'R (Consume)',
};

/** Code for the same request the console sends; secrets are placeholders unless revealed. */
export function CodeSamples({ request }: { request: HttpRequest }) {
  const uid = useId();
  const targets = useMemo(
    () =>
      snippetTargetsFor(request).map((t) => ({ id: t.id, label: SHORT_LABEL[t.id] ?? t.label })),
    [request],
  );
  const [chosen, setTarget] = useState<SnippetTarget>('curl');
  // A Consume sample chosen for a scoring call falls back to curl when the request changes kind.
  const target = targets.some((t) => t.id === chosen) ? chosen : 'curl';
  const [reveal, setReveal] = useState(false);
  const snippet = useQuery({
    ...snippetQuery(request, target, reveal),
    placeholderData: (prev) => prev,
  });
  return (
    <div className="code-samples">
      <div className="code-samples__bar">
        {/* The tabs are the focusable elements; the list only hears their arrow keys. */}
        {/* eslint-disable-next-line jsx-a11y/interactive-supports-focus */}
        <div
          role="tablist"
          aria-label="Language"
          className="segmented"
          onKeyDown={(e) => {
            if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
            const at = targets.findIndex((t) => t.id === target);
            const step = e.key === 'ArrowRight' ? 1 : targets.length - 1;
            const next = targets[(at + step) % targets.length];
            if (!next) return;
            e.preventDefault();
            setTarget(next.id);
            e.currentTarget
              .querySelector<HTMLElement>(`#${CSS.escape(`${uid}-${next.id}`)}`)
              ?.focus();
          }}
        >
          {targets.map((t) => (
            <button
              key={t.id}
              id={`${uid}-${t.id}`}
              type="button"
              role="tab"
              aria-selected={t.id === target}
              aria-controls={`${uid}-panel`}
              tabIndex={t.id === target ? 0 : -1}
              className="segmented__tab"
              onClick={() => setTarget(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={reveal} onChange={(e) => setReveal(e.target.checked)} />
          Include real keys
        </label>
      </div>
      <div role="tabpanel" id={`${uid}-panel`} aria-labelledby={`${uid}-${target}`}>
        {snippet.isError ? (
          <ErrorMessage error={snippet.error} title="The code sample could not be generated" />
        ) : snippet.data !== undefined ? (
          <CodeBlock code={snippet.data.code} tokens={snippet.data.tokens} label="Code sample" />
        ) : (
          <p className="muted">Preparing the sample…</p>
        )}
      </div>
      {reveal && (
        <p className="code-samples__warning" role="note">
          This sample contains your real keys. Do not paste it where others can read it.
        </p>
      )}
    </div>
  );
}
