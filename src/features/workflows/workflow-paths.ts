import type { WorkflowLinks } from './workflow-links';

/** The area's sub-paths, under `base` (the app's `/workflows`). */
export function workflowLinksUnder(base: string): WorkflowLinks {
  const workflow = (documentId: string, workflowId: string) =>
    `${base}/${encodeURIComponent(documentId)}/${encodeURIComponent(workflowId)}`;
  return {
    workflows: base,
    workflow,
    workflowStep: (documentId, workflowId, stepId) =>
      `${workflow(documentId, workflowId)}/steps/${encodeURIComponent(stepId)}`,
  };
}

/** Reserved as a document id: History's export lives at `from-history/<api id>`. */
export const FROM_HISTORY = 'from-history';

export type WorkflowView =
  | { kind: 'list' }
  | { kind: 'save'; apiId: string }
  | { kind: 'workflow'; documentId: string; workflowId: string; stepId?: string }
  | { kind: 'not-found' };

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Which view a path under the area's base shows (`rest`: what follows `/workflows/`). */
export function workflowViewOf(rest: string): WorkflowView {
  const parts = rest.split('/').filter((p) => p !== '');
  const [first, second, third, fourth, ...more] = parts;
  if (first === undefined) return { kind: 'list' };
  if (more.length > 0 || second === undefined) return { kind: 'not-found' };
  if (first === FROM_HISTORY && third === undefined) return { kind: 'save', apiId: decode(second) };
  const view = { kind: 'workflow', documentId: decode(first), workflowId: decode(second) } as const;
  if (third === undefined) return view;
  return third === 'steps' && fourth !== undefined
    ? { ...view, stepId: decode(fourth) }
    : { kind: 'not-found' };
}
