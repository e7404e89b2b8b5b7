import { describe, expect, it } from 'vitest';
import { entriesOverLimit, makeHistoryEntry, redactForm } from './history-entry';

const sas = '?sv=2025-01-05&sp=rw&sig=SECRETSIG';

describe('makeHistoryEntry', () => {
  it('keeps what identifies the call and no secret', () => {
    const entry = makeHistoryEntry({
      id: 'h1',
      apiId: 'azureml-demo',
      operationSlug: 'BES_Submit',
      operationSummary: 'BES Submit',
      at: 1000,
      durationMs: 41.6,
      request: {
        method: 'POST',
        url: 'https://x/jobs?api-version=2.0&subscription-key=SUBKEY&code=QKEY',
        headers: [
          { name: 'Authorization', value: 'Bearer AMLKEY', secret: true, schemeId: 'azureml' },
          { name: 'X-Api-Key', value: 'CUSTOMKEY' },
        ],
        body: `{"SasBlobToken":"${sas}"}`,
        secretQuery: ['code'],
      },
      form: {
        params: {
          'query:api-version': '2.0',
          'query:code': 'QKEY',
          'header:Ocp-Apim-Subscription-Key': 'SUBKEY',
          'path:service': 'svc',
        },
        customHeaders: [
          { name: 'X-Api-Key', value: 'CUSTOMKEY' },
          { name: 'X-Trace', value: 't1' },
        ],
        body: `{"SasBlobToken":"${sas}"}`,
      },
      outcome: {
        kind: 'response',
        status: 200,
        statusText: 'OK',
        headers: [
          ['content-type', 'application/json'],
          ['set-cookie', 'session=COOKIE'],
        ],
        body: new TextEncoder().encode(`{"Results":{"SasBlobToken":"${sas}"}}`),
      },
    });
    expect(entry).toEqual({
      id: 'h1',
      apiId: 'azureml-demo',
      operationSlug: 'BES_Submit',
      operationSummary: 'BES Submit',
      method: 'POST',
      url: 'https://x/jobs?api-version=2.0&subscription-key=••••••&code=••••••',
      at: 1000,
      durationMs: 42,
      status: 200,
      responseSize: 65,
      form: {
        params: {
          'query:api-version': '2.0',
          'query:code': '',
          'header:Ocp-Apim-Subscription-Key': '',
          'path:service': 'svc',
        },
        customHeaders: [
          { name: 'X-Api-Key', value: '' },
          { name: 'X-Trace', value: 't1' },
        ],
        body: '{"SasBlobToken":"?sv=2025-01-05&sp=rw&sig=••••••"}',
      },
      response: {
        status: 200,
        statusText: 'OK',
        headers: [['content-type', 'application/json']],
        body: '{"Results":{"SasBlobToken":"?sv=2025-01-05&sp=rw&sig=••••••"}}',
      },
    });
    expect(JSON.stringify(entry)).not.toMatch(/AMLKEY|SUBKEY|QKEY|CUSTOMKEY|SECRETSIG|COOKIE/);
  });

  it('keeps a streamed answer as the answer, with how many events came and whether it was stopped', () => {
    const entry = makeHistoryEntry({
      id: 'h3',
      apiId: 'portico-assistant',
      operationSlug: 'RunMLService',
      operationSummary: 'Ask a question',
      at: 3000,
      request: { method: 'POST', url: 'http://127.0.0.1:8795/score', headers: [] },
      form: { params: {}, customHeaders: [{ name: 'Accept', value: 'text/event-stream' }] },
      outcome: {
        kind: 'response',
        status: 200,
        statusText: 'OK',
        headers: [['content-type', 'text/event-stream; charset=utf-8']],
        body: new TextEncoder().encode('Feature hashing turns'),
        stream: { events: 4, stopped: true },
      },
    });
    expect(entry.response).toEqual({
      status: 200,
      statusText: 'OK',
      headers: [['content-type', 'text/event-stream; charset=utf-8']],
      body: 'Feature hashing turns',
      stream: { events: 4, stopped: true },
    });
  });

  it('records a failure without a response', () => {
    const entry = makeHistoryEntry({
      id: 'h2',
      apiId: 'a',
      operationSlug: 's',
      operationSummary: 'S',
      at: 5,
      request: { method: 'GET', url: 'https://x/', headers: [] },
      form: { params: {}, customHeaders: [] },
      outcome: { kind: 'error', message: 'Server unreachable' },
    });
    expect(entry).toEqual({
      id: 'h2',
      apiId: 'a',
      operationSlug: 's',
      operationSummary: 'S',
      method: 'GET',
      url: 'https://x/',
      at: 5,
      error: 'Server unreachable',
      form: { params: {}, customHeaders: [] },
    });
  });
});

describe('redactForm', () => {
  it('leaves ordinary values alone', () => {
    const form = { params: { 'path:workspace': 'w' }, customHeaders: [], body: '{}' };
    expect(redactForm(form)).toEqual(form);
  });
});

describe('entriesOverLimit', () => {
  it('drops the oldest beyond the limit', () => {
    const entries = [5, 1, 4, 2, 3].map((at) => ({ id: `e${at}`, at }));
    expect(entriesOverLimit(entries, 3)).toEqual(['e2', 'e1']);
    expect(entriesOverLimit(entries, 5)).toEqual([]);
  });
});
