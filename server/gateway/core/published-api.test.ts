import { describe, expect, it } from 'vitest';
import { loadPublishedApi, matchOperation } from './published-api';

describe('the published API', () => {
  it('publishes the five operations of the definition the portal shows', async () => {
    const api = await loadPublishedApi();
    expect(api.operations.map((op) => `${op.method} ${op.id}`).sort()).toEqual([
      'DELETE BES_Delete',
      'GET BES_Status',
      'POST BES_Start',
      'POST BES_Submit',
      'POST RRS_Execute',
    ]);
  });

  it('matches a path to its operation by method and template, and nothing else', async () => {
    const api = await loadPublishedApi();
    const base = '/workspaces/w/services/s';
    expect(matchOperation(api, 'POST', `${base}/execute`)?.id).toBe('RRS_Execute');
    expect(matchOperation(api, 'get', `${base}/jobs/abc`)?.id).toBe('BES_Status');
    expect(matchOperation(api, 'DELETE', `${base}/jobs/abc`)?.id).toBe('BES_Delete');
    expect(matchOperation(api, 'POST', `${base}/jobs/abc/start`)?.id).toBe('BES_Start');
    expect(matchOperation(api, 'GET', `${base}/execute`)).toBeUndefined();
    expect(matchOperation(api, 'POST', `${base}/execute/more`)).toBeUndefined();
    expect(matchOperation(api, 'POST', '/workspaces//services/s/execute')).toBeUndefined();
    expect(matchOperation(api, 'GET', '/health')).toBeUndefined();
  });
});
