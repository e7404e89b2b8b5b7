import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { describeError } from '../../core/errors/describe-error';
import { ErrorMessage } from '../../components/error-message';
import { forgetLastRun } from '../../core/workflow/workflow-run-store';
import { browserStorage } from '../../core/util/browser-storage';
import {
  boundWorkflowQuery,
  workflowDocumentQuery,
  type WorkflowDocumentSource,
} from '../../queries/workflow-queries';
import type { ApiSource } from '../../queries/definition-queries';
import { AddWorkflowDocument } from './add-workflow-document';
import { DocumentProblems } from './document-problems';
import {
  addedWorkflowStore,
  useWorkflowDocuments,
  type ConfigWorkflowEntry,
} from './workflow-documents';
import type { WorkflowLinks } from './workflow-links';
import './workflows.css';

export interface WorkflowsPageProps {
  configEntries: readonly ConfigWorkflowEntry[];
  /** Why the config's workflow list was refused (naming the field), if it was. */
  configError?: unknown;
  apis: readonly ApiSource[];
  links: WorkflowLinks;
}

/** Every workflow document the portal lists, with its problems, and adding one. */
export function WorkflowsPage({ configEntries, configError, apis, links }: WorkflowsPageProps) {
  const documents = useWorkflowDocuments(configEntries);
  const [added, setAdded] = useState<string>();
  return (
    <div className="workflows-page">
      <h1>Workflows</h1>
      <p className="muted">
        An Arazzo document describes a sequence of API calls: its steps, the values passed from one
        response to the next, what counts as success and when to retry. Run one here step by step,
        or run the same file in CI with <code>npx @redocly/cli respect</code>.
      </p>
      {configError !== undefined && (
        <ErrorMessage error={configError}>
          <p>Only the workflow documents added in this browser are listed.</p>
        </ErrorMessage>
      )}
      {documents.length === 0 ? (
        <p>No workflow documents yet. Add one below, or save calls from an API&apos;s History.</p>
      ) : (
        <ul className="workflows-page__documents">
          {documents.map((doc) => (
            <DocumentItem key={doc.id} doc={doc} apis={apis} links={links} />
          ))}
        </ul>
      )}
      {added && (
        <p className="workflows-page__added" role="status">
          Added “{added}”. It is listed above and in the sidebar.
        </p>
      )}
      <AddWorkflowDocument
        takenIds={new Set(documents.map((d) => d.id))}
        onAdded={(_id, title) => setAdded(title)}
      />
    </div>
  );
}

function DocumentItem({
  doc,
  apis,
  links,
}: {
  doc: WorkflowDocumentSource;
  apis: readonly ApiSource[];
  links: WorkflowLinks;
}) {
  const loaded = useQuery(workflowDocumentQuery(doc));
  const bound = useQuery({ ...boundWorkflowQuery(doc, apis), enabled: loaded.data?.ok === true });
  const document = loaded.data?.ok ? loaded.data.document : undefined;
  return (
    <li className="card workflows-page__document">
      <div className="workflows-page__head">
        <h2>{document?.info.title ?? doc.title}</h2>
        <code className="workflows-page__where">
          {'url' in doc.source ? doc.source.url : doc.source.fileName}
        </code>
        {doc.origin === 'added' && (
          <button
            type="button"
            className="button button--small button--danger"
            onClick={() => {
              if (!window.confirm(`Remove “${doc.title}” from this browser?`)) return;
              for (const w of document?.workflows ?? [])
                forgetLastRun(browserStorage('local'), doc.id, w.workflowId);
              addedWorkflowStore().remove(doc.id);
            }}
          >
            Remove<span className="visually-hidden"> {doc.title}</span>
          </button>
        )}
      </div>
      {loaded.isPending && <p className="muted">Loading…</p>}
      {loaded.isError && (
        <p className="alert" role="alert">
          {describeError(loaded.error).title}. {describeError(loaded.error).message}
        </p>
      )}
      {loaded.data && !loaded.data.ok && (
        <DocumentProblems problems={loaded.data.errors} title="Not a valid Arazzo document" />
      )}
      {bound.data && !bound.data.ok && (
        <DocumentProblems problems={bound.data.errors} title="Does not match its APIs" />
      )}
      {bound.isError && (
        <p className="alert" role="alert">
          {describeError(bound.error).title}. {describeError(bound.error).message}
        </p>
      )}
      {document && (
        <ul className="workflows-page__workflows">
          {document.workflows.map((w) => (
            <li key={w.workflowId}>
              <Link href={links.workflow(doc.id, w.workflowId)}>{w.summary ?? w.workflowId}</Link>{' '}
              <span className="muted">
                {w.steps.length} {w.steps.length === 1 ? 'step' : 'steps'}
              </span>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
