import { describe, expect, it } from 'vitest';
import { workflowLinksUnder, workflowViewOf } from './workflow-paths';

describe('workflow paths', () => {
  const links = workflowLinksUnder('/workflows');

  it('round-trips every link through the view it opens', () => {
    expect(workflowViewOf('')).toEqual({ kind: 'list' });
    const rest = (href: string) => href.slice('/workflows/'.length);
    expect(workflowViewOf(rest(links.workflow('demo docs', 'batch/flow')))).toEqual({
      kind: 'workflow',
      documentId: 'demo docs',
      workflowId: 'batch/flow',
    });
    expect(workflowViewOf(rest(links.workflowStep('demo', 'batch', 'poll status')))).toEqual({
      kind: 'workflow',
      documentId: 'demo',
      workflowId: 'batch',
      stepId: 'poll status',
    });
    expect(workflowViewOf('from-history/azureml-demo')).toEqual({
      kind: 'save',
      apiId: 'azureml-demo',
    });
  });

  it('finds nothing at paths it does not make', () => {
    expect(workflowViewOf('demo')).toEqual({ kind: 'not-found' });
    expect(workflowViewOf('demo/batch/outputs/x')).toEqual({ kind: 'not-found' });
    expect(workflowViewOf('demo/batch/steps/a/b')).toEqual({ kind: 'not-found' });
  });
});
