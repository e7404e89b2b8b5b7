/**
 * What the workflow page reads from a bound document besides running it: the inputs schema
 * (its `$ref` to components followed), which APIs the workflow calls (the portal's own first:
 * the first is the one the main environment choice is for), and the `retryAfter` of the failure
 * action a retry came from (to say when a Retry-After header overruled it).
 */
import type { ArazzoDocument, ArazzoWorkflow, BoundArazzo, BoundSource } from './workflow-types';

/** The workflow's inputs schema; a `$ref: '#/components/inputs/x'` is followed. */
export function workflowInputsSchema(document: ArazzoDocument, workflow: ArazzoWorkflow): unknown {
  const ref = workflow.inputs?.$ref;
  if (typeof ref !== 'string') return workflow.inputs;
  const name = /^#\/components\/inputs\/(.+)$/.exec(ref)?.[1];
  return name ? document.components?.inputs?.[decodeURIComponent(name)] : undefined;
}

/**
 * The sources the workflow's steps call: those the portal lists (`listed`) first, the one most
 * steps call leading (the main environment choice is for it: the web service, not the storage
 * beside it), ties in the order the steps first use them; every source of the document when no
 * step calls one.
 */
export function workflowSources(
  bound: BoundArazzo,
  workflowId: string,
  listed: (apiId: string) => boolean,
): BoundSource[] {
  const used: BoundSource[] = [];
  const calls = new Map<string, number>();
  for (const step of bound.steps.get(workflowId) ?? []) {
    if (step.kind !== 'operation') continue;
    const name = step.source.name;
    if (!used.some((s) => s.name === name)) used.push(step.source);
    calls.set(name, (calls.get(name) ?? 0) + 1);
  }
  const all = used.length > 0 ? used : bound.sources;
  const byUse = (a: BoundSource, b: BoundSource) =>
    (calls.get(b.name) ?? 0) - (calls.get(a.name) ?? 0);
  return [
    ...all.filter((s) => listed(s.apiId)).sort(byUse),
    ...all.filter((s) => !listed(s.apiId)).sort(byUse),
  ];
}

const REUSABLE_FAILURE = /^\$components\.failureActions\.(.+)$/;

/** The `retryAfter` (seconds) of the step's failure action so named, if it gives one. */
export function declaredRetryAfter(
  document: ArazzoDocument,
  workflowId: string,
  stepId: string,
  action: string,
): number | undefined {
  const workflow = document.workflows.find((w) => w.workflowId === workflowId);
  const step = workflow?.steps.find((s) => s.stepId === stepId);
  for (const a of [...(step?.onFailure ?? []), ...(workflow?.failureActions ?? [])]) {
    const found =
      'reference' in a
        ? document.components?.failureActions?.[REUSABLE_FAILURE.exec(a.reference)?.[1] ?? '']
        : a;
    if (found?.name === action) return found.retryAfter;
  }
  return undefined;
}
