import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link } from 'wouter';
import { describeError } from '../../core/errors/describe-error';
import {
  boundWorkflowQuery,
  workflowDocumentQuery,
  type WorkflowDocumentSource,
} from '../../queries/workflow-queries';
import type { ApiSource } from '../../queries/definition-queries';
import { DocumentProblems } from './document-problems';
import { useWorkflowDocuments, type ConfigWorkflowEntry } from './workflow-documents';
import type { WorkflowLinks } from './workflow-links';
import './workflows.css';

export interface WorkflowsNavProps {
  configEntries: readonly ConfigWorkflowEntry[];
  /** Why the config's workflow list was refused, if it was. */
  configError?: unknown;
  apis: readonly ApiSource[];
  links: WorkflowLinks;
  location: string;
  onNavigate: () => void;
}

/**
 * The sidebar's workflows: each Arazzo document's workflows with their steps, a document that
 * does not load or bind showing its problems where they are, and the way to add one.
 */
export function WorkflowsNav({
  configEntries,
  configError,
  apis,
  links,
  location,
  onNavigate,
}: WorkflowsNavProps) {
  const uid = useId();
  const documents = useWorkflowDocuments(configEntries);
  return (
    <nav aria-labelledby={`${uid}-title`} className="app-sidebar__apim workflows-nav">
      <h2 id={`${uid}-title`} className="app-sidebar__group-title">
        Workflows
      </h2>
      {configError !== undefined && (
        <p className="workflows-nav__problem">{describeError(configError).title}</p>
      )}
      {documents.map((doc) => (
        <DocumentNav
          key={doc.id}
          doc={doc}
          apis={apis}
          links={links}
          location={location}
          onNavigate={onNavigate}
        />
      ))}
      <Link
        href={links.workflows}
        className="app-sidebar__batch"
        aria-current={location === links.workflows ? 'page' : undefined}
        onClick={onNavigate}
      >
        Add workflow document
      </Link>
    </nav>
  );
}

function DocumentNav({
  doc,
  apis,
  links,
  location,
  onNavigate,
}: {
  doc: WorkflowDocumentSource;
  apis: readonly ApiSource[];
  links: WorkflowLinks;
  location: string;
  onNavigate: () => void;
}) {
  const loaded = useQuery(workflowDocumentQuery(doc));
  const bound = useQuery({ ...boundWorkflowQuery(doc, apis), enabled: loaded.data?.ok === true });
  const title = loaded.data?.ok ? loaded.data.document.info.title : doc.title;
  return (
    <div className="workflows-nav__document">
      <h3 className="workflows-nav__title">{title}</h3>
      {loaded.isError ? (
        <p className="workflows-nav__problem">{describeError(loaded.error).title}</p>
      ) : loaded.data && !loaded.data.ok ? (
        <DocumentProblems
          problems={loaded.data.errors}
          limit={3}
          title="Not a valid Arazzo document"
        />
      ) : bound.data && !bound.data.ok ? (
        <DocumentProblems problems={bound.data.errors} limit={3} title="Does not match its APIs" />
      ) : bound.isError ? (
        <p className="workflows-nav__problem">{describeError(bound.error).title}</p>
      ) : null}
      {loaded.data?.ok && (
        <ul className="workflows-nav__list">
          {loaded.data.document.workflows.map((w) => {
            const href = links.workflow(doc.id, w.workflowId);
            return (
              <li key={w.workflowId}>
                <Link
                  href={href}
                  className="app-sidebar__batch"
                  aria-current={location === href ? 'page' : undefined}
                  onClick={onNavigate}
                >
                  {w.summary ?? w.workflowId}
                </Link>
                <ol
                  className="workflows-nav__steps"
                  aria-label={`Steps of ${w.summary ?? w.workflowId}`}
                >
                  {w.steps.map((s) => {
                    const stepHref = links.workflowStep(doc.id, w.workflowId, s.stepId);
                    return (
                      <li key={s.stepId}>
                        <Link
                          href={stepHref}
                          className="workflows-nav__step"
                          aria-current={location === stepHref ? 'page' : undefined}
                          onClick={onNavigate}
                        >
                          {s.stepId}
                        </Link>
                      </li>
                    );
                  })}
                </ol>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
