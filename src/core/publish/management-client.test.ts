import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../batch/bes-calls';
import { callManagement, listAll, waitForImport } from './management-client';
import { ManagementError } from './management-error';
import type { ManagementTarget } from './management-request';
import { fetchInputUrl } from '../util/fetch-input-url';

const target: ManagementTarget = {
  id: 'local',
  managementUrl: 'http://gw/management',
  token: 'admin-key',
  kind: 'local',
};

function fakeFetch(answers: Array<[number, unknown, Record<string, string>?]>) {
  const seen: string[] = [];
  const fetchImpl = ((input: RequestInfo | URL, init?: RequestInit) => {
    seen.push(`${init?.method ?? 'GET'} ${fetchInputUrl(input)}`);
    const [status, body, headers] = answers.shift() ?? [500, undefined];
    return Promise.resolve(
      new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json', ...headers },
      }),
    );
  }) as typeof fetch;
  return { fetchImpl, seen };
}

describe('callManagement', () => {
  it('reports the call masked, answers with the ETag, and throws ARM errors as ManagementError', async () => {
    const calls: CallRecord[] = [];
    const { fetchImpl } = fakeFetch([
      [201, { name: 'x', properties: {} }, { etag: '"e1"' }],
      [409, { error: { code: 'Conflict', message: 'Taken.', details: [] } }],
    ]);
    const answer = await callManagement(
      target,
      { method: 'PUT', path: '/apis/x', body: { properties: {} } },
      'Adding the API',
      [200, 201],
      { fetchImpl, onCall: (r) => calls.push(r) },
    );
    expect([answer.status, answer.etag]).toEqual([201, '"e1"']);
    expect(calls.map((c) => [c.label, c.state.status])).toEqual([
      ['Adding the API', 'pending'],
      ['Adding the API', 'success'],
    ]);
    expect(calls[1]?.request.headers[0]).toEqual({
      name: 'Authorization',
      value: 'Bearer ••••••',
      secret: true,
    });
    const refused = callManagement(target, { method: 'PUT', path: '/apis/y' }, 'Adding', [201], {
      fetchImpl,
    });
    await expect(refused).rejects.toBeInstanceOf(ManagementError);
  });
});

describe('waitForImport', () => {
  it('polls the Location after its Retry-After until the API is there', async () => {
    const location = 'http://gw/management/apis/big?api-version=2022-08-01&asyncId=1&asyncCode=201';
    const { fetchImpl, seen } = fakeFetch([
      [202, undefined, { location, 'retry-after': '1' }],
      [201, { name: 'big', properties: {} }, { etag: '"e"' }],
    ]);
    const progress: number[] = [];
    const slept: number[] = [];
    const done = await waitForImport(
      target,
      { status: 202, json: undefined, location },
      'Importing',
      {
        fetchImpl,
        onProgress: (p) => progress.push(p.polls),
        sleep: (ms) => {
          slept.push(ms);
          return Promise.resolve();
        },
      },
    );
    expect([done.status, done.etag]).toEqual([201, '"e"']);
    expect(seen).toEqual([`GET ${location}`, `GET ${location}`]);
    expect([progress, slept]).toEqual([
      [0, 1],
      [1000, 1000],
    ]);
  });
});

describe('listAll', () => {
  it('follows nextLink to the last page', async () => {
    const { fetchImpl, seen } = fakeFetch([
      [200, { value: [1, 2], nextLink: 'http://gw/management/apis?$skip=2' }],
      [200, { value: [3] }],
    ]);
    expect(await listAll(target, '/apis', 'Listing', { fetchImpl })).toEqual([1, 2, 3]);
    expect(seen).toEqual([
      'GET http://gw/management/apis?api-version=2022-08-01&%24top=100',
      'GET http://gw/management/apis?$skip=2',
    ]);
  });
});
