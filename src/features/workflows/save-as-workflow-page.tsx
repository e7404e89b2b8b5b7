import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { Link } from 'wouter';
import { JsonEditor } from '../../components/json-editor';
import { saveBlob } from '../../components/download-file';
import { MethodBadge } from '../../components/method-badge';
import { absoluteUrl } from '../../core/definition/fetch-text';
import type { ApiCatalog, HttpMethod } from '../../core/definition/api-model';
import { describeError } from '../../core/errors/describe-error';
import type { HistoryEntry } from '../../core/history/history-entry';
import type { ArazzoLoadResult } from '../../core/workflow/workflow-types';
import type { ApiSource } from '../../queries/definition-queries';
import { historyQuery } from '../../queries/history-queries';
import { fullDefinitionQuery } from '../../queries/workflow-queries';
import { useHistorySync } from '../../hooks/use-history-sync';
import { DocumentProblems } from './document-problems';
import { FROM_HISTORY } from './workflow-paths';
import {
  addedWorkflowStore,
  useWorkflowDocuments,
  type ConfigWorkflowEntry,
} from './workflow-documents';
import type { WorkflowLinks } from './workflow-links';
import './workflows.css';

// The export and the loader come with this page only.
const workflowCore = () =>
  Promise.all([
    import('../../core/workflow/history-to-arazzo'),
    import('../../core/workflow/load-arazzo'),
  ]).then(([exporter, loader]) => ({ ...exporter, ...loader }));

export interface SaveAsWorkflowPageProps {
  api: ApiCatalog;
  source: ApiSource;
  configEntries: readonly ConfigWorkflowEntry[];
  links: WorkflowLinks;
  historyHref: string;
  navigate: (to: string) => void;
}

function slugOf(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'workflow'
  );
}

/**
 * History's calls, picked in order, as an Arazzo workflow: values that came from an earlier
 * response are wired as runtime expressions and keys become inputs (historyToArazzo). The YAML
 * can be edited, is checked as it changes, and can be downloaded or added to the sidebar.
 */
export function SaveAsWorkflowPage({
  api,
  source,
  configEntries,
  links,
  historyHref,
  navigate,
}: SaveAsWorkflowPageProps) {
  useHistorySync();
  const uid = useId();
  const history = useQuery(historyQuery(api.id));
  const definition = useQuery(fullDefinitionQuery(source));
  const documents = useWorkflowDocuments(configEntries);
  const [picked, setPicked] = useState<string[]>([]);
  const [yaml, setYaml] = useState<string>();
  const [check, setCheck] = useState<ArazzoLoadResult>();
  const known = new Set(api.operations.map((o) => o.slug));
  const entries = (history.data ?? []).filter(
    (e) => known.has(e.operationSlug) && e.status !== undefined,
  );
  const byId = useMemo(() => new Map((history.data ?? []).map((e) => [e.id, e])), [history.data]);
  const pickedEntries = picked.flatMap((id) => byId.get(id) ?? []);
  const fileName = `${slugOf(api.title)}-calls.arazzo.yaml`;

  const recheck = (text: string) => {
    void workflowCore().then(({ loadArazzo }) => setCheck(loadArazzo(text, absoluteUrl(fileName))));
  };

  const generate = useMutation({
    mutationFn: async (calls: HistoryEntry[]) => {
      const { historyToArazzo } = await workflowCore();
      const full = definition.data;
      if (!full) throw new Error('The definition of this API has not loaded yet.');
      const url = 'url' in source.source ? absoluteUrl(source.source.url) : absoluteUrl(api.id);
      return historyToArazzo(
        calls,
        new Map([[api.id, { title: api.title, definitionUrl: url, definition: full }]]),
      );
    },
    onSuccess: (text) => {
      setYaml(text);
      recheck(text);
    },
  });

  const move = (id: string, by: -1 | 1) =>
    setPicked((list) => {
      const at = list.indexOf(id);
      const to = at + by;
      if (at < 0 || to < 0 || to >= list.length) return list;
      const next = [...list];
      [next[at], next[to]] = [next[to] as string, next[at] as string];
      return next;
    });

  const addToSidebar = () => {
    if (!yaml || !check?.ok) return;
    const title = check.document.info.title;
    const taken = new Set([FROM_HISTORY, ...documents.map((d) => d.id)]);
    let id = slugOf(title);
    for (let i = 2; taken.has(id); i++) id = `${slugOf(title)}-${i}`;
    addedWorkflowStore().put({ id, title, kind: 'text', fileName, text: yaml });
    const first = check.document.workflows[0];
    navigate(first ? links.workflow(id, first.workflowId) : links.workflows);
  };

  return (
    <div className="workflows-page">
      <h1>Save calls as a workflow</h1>
      <p className="muted">
        Pick calls from <Link href={historyHref}>the History of {api.title}</Link> in the order the
        workflow should make them. A value that came from an earlier response (a job id, a location)
        is wired to that response; keys become inputs, never values.
      </p>
      {history.isError ? (
        <p className="alert" role="alert">
          History is not available in this browser: IndexedDB is blocked or full.
        </p>
      ) : entries.length === 0 ? (
        <p>No answered calls yet. Send some from an operation&apos;s console first.</p>
      ) : (
        <div className="save-workflow">
          <fieldset className="card save-workflow__calls">
            <legend>Calls in History (newest first)</legend>
            <ul>
              {entries.map((entry) => {
                const when = new Date(entry.at).toLocaleString();
                return (
                  <li key={entry.id}>
                    <label className="save-workflow__call">
                      <input
                        type="checkbox"
                        checked={picked.includes(entry.id)}
                        onChange={(e) =>
                          setPicked((list) =>
                            e.target.checked
                              ? [...list, entry.id]
                              : list.filter((id) => id !== entry.id),
                          )
                        }
                      />
                      <MethodBadge method={entry.method.toLowerCase() as HttpMethod} size="sm" />
                      <span>{entry.operationSummary}</span>
                      <span className="muted">
                        {entry.status} · {when}
                      </span>
                    </label>
                  </li>
                );
              })}
            </ul>
          </fieldset>
          <section className="card save-workflow__picked" aria-labelledby={`${uid}-picked`}>
            <h2 id={`${uid}-picked`}>Steps, in order</h2>
            {pickedEntries.length === 0 ? (
              <p className="muted">
                Tick calls on the left; they become steps in the order ticked.
              </p>
            ) : (
              <ol aria-label="Picked calls">
                {pickedEntries.map((entry, i) => (
                  <li key={entry.id} className="save-workflow__step">
                    <span>
                      {entry.operationSummary}{' '}
                      <span className="muted">({new Date(entry.at).toLocaleTimeString()})</span>
                    </span>
                    <button
                      type="button"
                      className="button button--small button--ghost"
                      disabled={i === 0}
                      onClick={() => move(entry.id, -1)}
                    >
                      Up<span className="visually-hidden"> {entry.operationSummary}</span>
                    </button>
                    <button
                      type="button"
                      className="button button--small button--ghost"
                      disabled={i === pickedEntries.length - 1}
                      onClick={() => move(entry.id, 1)}
                    >
                      Down<span className="visually-hidden"> {entry.operationSummary}</span>
                    </button>
                  </li>
                ))}
              </ol>
            )}
            <button
              type="button"
              className="button button--primary"
              disabled={pickedEntries.length === 0 || generate.isPending || !definition.data}
              onClick={() => generate.mutate(pickedEntries)}
            >
              Generate workflow
            </button>
            {(generate.isError || definition.isError) && (
              <p className="field__error" role="alert">
                {describeError(generate.error ?? definition.error).title}
              </p>
            )}
          </section>
        </div>
      )}
      {yaml !== undefined && (
        <section className="card save-workflow__document" aria-labelledby={`${uid}-doc`}>
          <h2 id={`${uid}-doc`}>Arazzo document</h2>
          <p className="muted">
            Edit it as you like; it is checked against the Arazzo schema as you type.
          </p>
          <JsonEditor
            label="Arazzo document (YAML)"
            language="text"
            value={yaml}
            invalid={check?.ok === false}
            onChange={(text) => {
              setYaml(text);
              recheck(text);
            }}
          />
          {check && !check.ok && (
            <DocumentProblems
              problems={check.errors}
              limit={8}
              title="Not a valid Arazzo document yet"
            />
          )}
          {check?.ok && (
            <p className="workflow-run__status workflow-run__status--succeeded" role="status">
              A valid Arazzo document with {check.document.workflows[0]?.steps.length ?? 0} steps.
            </p>
          )}
          <div className="workflow-inputs__actions">
            <button
              type="button"
              className="button"
              onClick={() => saveBlob(new Blob([yaml], { type: 'application/yaml' }), fileName)}
            >
              Download {fileName}
            </button>
            <button
              type="button"
              className="button button--primary"
              disabled={!check?.ok}
              onClick={addToSidebar}
            >
              Add to workflows
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
