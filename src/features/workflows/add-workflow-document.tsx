import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { fetchText, absoluteUrl } from '../../core/definition/fetch-text';
import { describeError } from '../../core/errors/describe-error';
import type { AddedWorkflowDocument } from '../../core/workflow/added-workflow-documents';
import type { ArazzoProblem } from '../../core/workflow/workflow-types';
import { DocumentProblems } from './document-problems';
import { FROM_HISTORY } from './workflow-paths';
import { addedWorkflowStore } from './workflow-documents';

type From = 'url' | 'text' | 'file';

interface Candidate {
  from: From;
  /** The document's text and the URL its relative sources resolve against. */
  read: () => Promise<{ text: string; url: string }>;
  save: (title: string, text: string) => AddedWorkflowDocument;
}

class InvalidDocument extends Error {
  constructor(readonly problems: ArazzoProblem[]) {
    super('This is not a valid Arazzo 1.0 document.');
  }
}

function uniqueId(title: string, taken: ReadonlySet<string>): string {
  const base =
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'workflows';
  if (!taken.has(base) && base !== FROM_HISTORY) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/**
 * Adds an Arazzo document for this browser: from a URL, pasted, or from a file. It is checked
 * first (YAML or JSON, the Arazzo schema); a document that does not pass is not added and its
 * problems are listed with their places, the URL or text kept as typed.
 */
export function AddWorkflowDocument({
  takenIds,
  onAdded,
}: {
  takenIds: ReadonlySet<string>;
  onAdded: (id: string, title: string) => void;
}) {
  const uid = useId();
  const [url, setUrl] = useState('');
  const [text, setText] = useState('');
  const [empty, setEmpty] = useState<From>();
  const add = useMutation({
    mutationFn: async ({ read, save }: Candidate) => {
      const { text: content, url: at } = await read();
      const { loadArazzo } = await import('../../core/workflow/load-arazzo');
      const loaded = loadArazzo(content, at);
      if (!loaded.ok) throw new InvalidDocument(loaded.errors);
      const title = loaded.document.info.title;
      const document = save(title, content);
      addedWorkflowStore().put(document);
      return { id: document.id, title };
    },
    onSuccess: ({ id, title }, { from }) => {
      if (from === 'url') setUrl('');
      if (from === 'text') setText('');
      onAdded(id, title);
    },
  });
  const failedFrom = add.isError ? add.variables.from : undefined;
  const failure = (from: From) =>
    empty === from ? (
      <p className="field__error" role="alert">
        {from === 'url'
          ? 'Enter the URL of an Arazzo document.'
          : 'Paste an Arazzo document first.'}
      </p>
    ) : failedFrom === from ? (
      add.error instanceof InvalidDocument ? (
        <DocumentProblems problems={add.error.problems} limit={8} title={add.error.message} />
      ) : (
        <p className="field__error" role="alert">
          {describeError(add.error).title}. {describeError(add.error).message}
        </p>
      )
    ) : null;
  const busy = add.isPending;
  const submit = (candidate: Candidate) => {
    setEmpty(undefined);
    add.mutate(candidate);
  };

  return (
    <section className="card workflows-add" aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`}>Add workflow document</h2>
      <p className="muted">
        An Arazzo 1.0 document (YAML or JSON), kept in this browser. Its sources are matched to the
        portal&apos;s APIs by URL or name; others are loaded from their URL.
      </p>
      <form
        noValidate
        aria-label="Add a workflow document from a URL"
        onSubmit={(e) => {
          e.preventDefault();
          const target = url.trim();
          if (!target) {
            add.reset();
            setEmpty('url');
            return;
          }
          submit({
            from: 'url',
            read: async () => {
              const at = absoluteUrl(target);
              return {
                text: (await fetchText(at, { what: 'the workflow document' })).text,
                url: at,
              };
            },
            save: (title) => ({ id: uniqueId(title, takenIds), title, kind: 'url', url: target }),
          });
        }}
      >
        <label className="field__label" htmlFor={`${uid}-url`}>
          Document URL
        </label>
        <div className="workflows-add__inline">
          <input
            id={`${uid}-url`}
            className="input input--mono"
            inputMode="url"
            placeholder="https://example.com/flows.arazzo.yaml"
            spellCheck={false}
            value={url}
            aria-invalid={empty === 'url' || failedFrom === 'url' || undefined}
            onChange={(e) => setUrl(e.target.value)}
          />
          <button type="submit" className="button" disabled={busy}>
            Add from URL
          </button>
        </div>
        {failure('url')}
      </form>
      <form
        noValidate
        aria-label="Add a pasted workflow document"
        onSubmit={(e) => {
          e.preventDefault();
          if (!text.trim()) {
            add.reset();
            setEmpty('text');
            return;
          }
          const fileName = 'pasted.arazzo.yaml';
          submit({
            from: 'text',
            read: async () => ({ text, url: absoluteUrl(fileName) }),
            save: (title, content) => ({
              id: uniqueId(title, takenIds),
              title,
              kind: 'text',
              fileName,
              text: content,
            }),
          });
        }}
      >
        <label className="field__label" htmlFor={`${uid}-text`}>
          Paste a document
        </label>
        <textarea
          id={`${uid}-text`}
          className="input input--mono workflows-add__text"
          rows={8}
          spellCheck={false}
          value={text}
          aria-invalid={empty === 'text' || failedFrom === 'text' || undefined}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className="button" disabled={busy}>
          Add pasted document
        </button>
        {failure('text')}
      </form>
      <div>
        <label className="field__label" htmlFor={`${uid}-file`}>
          Document file
        </label>
        <input
          id={`${uid}-file`}
          className="input"
          type="file"
          accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml"
          disabled={busy}
          onChange={(e) => {
            const input = e.currentTarget;
            const file = input.files?.[0];
            if (!file) return;
            submit({
              from: 'file',
              read: async () => ({ text: await file.text(), url: absoluteUrl(file.name) }),
              save: (title, content) => ({
                id: uniqueId(title, takenIds),
                title,
                kind: 'text',
                fileName: file.name,
                text: content,
              }),
            });
            input.value = '';
          }}
        />
        {failure('file')}
      </div>
    </section>
  );
}
