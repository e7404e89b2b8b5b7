import { describe, expect, it } from 'vitest';
import { fetchReport, fetchSubscriptionNames } from './reports-client';
import { ReportsError } from './reports-error';
import type { ReportsSource } from './reports-source';
import { bearerSource, localPublisherSource } from './reports-source';
import { fetchInputUrl } from '../util/fetch-input-url';

const source: ReportsSource = {
  id: 'x',
  reportsUrl: 'http://127.0.0.1:8791/management/reports',
  headers: { Authorization: 'Bearer secret' },
  scope: 'everything',
  intervalStepMs: 60_000,
};

function fakeFetch(pages: Record<string, { status?: number; body: unknown }>) {
  const seen: Array<{ url: string; headers: unknown }> = [];
  const fn = (async (input: URL | RequestInfo, init?: RequestInit) => {
    const url = fetchInputUrl(input);
    seen.push({ url, headers: init?.headers });
    const page = pages[url];
    if (!page) throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify(page.body), { status: page.status ?? 200, statusText: 'X' });
  }) as typeof fetch;
  return { fn, seen };
}

describe('fetchReport', () => {
  it('follows nextLink on the same origin and stops at another origin', async () => {
    const first = 'http://127.0.0.1:8791/management/reports/byTime?interval=PT1M';
    const second = 'http://127.0.0.1:8791/management/reports/byTime?interval=PT1M&%24skip=1';
    const { fn, seen } = fakeFetch({
      [first]: { body: { value: [{ n: 1 }], count: 3, nextLink: second } },
      [second]: { body: { value: [{ n: 2 }], count: 3, nextLink: 'https://evil.example/steal' } },
    });
    const result = await fetchReport(source, 'byTime', { interval: 'PT1M' }, { fetch: fn });
    expect(result).toEqual({ value: [{ n: 1 }, { n: 2 }], count: 3 });
    expect(seen.map((s) => s.url)).toEqual([first, second]);
    expect(seen.every((s) => JSON.stringify(s.headers).includes('Bearer secret'))).toBe(true);
  });

  it('sends api-version to Azure Resource Manager and keeps the token out of the URL', async () => {
    const arm = bearerSource(
      'https://management.azure.com/subscriptions/s/resourceGroups/rg/providers/Microsoft.ApiManagement/service/apim/',
      'Bearer eyJ0',
    );
    expect(arm).toMatchObject({
      headers: { Authorization: 'Bearer eyJ0' },
      intervalStepMs: 900_000,
    });
    const url =
      'https://management.azure.com/subscriptions/s/resourceGroups/rg/providers/Microsoft.ApiManagement/service/apim/reports/byApi?%24filter=f&api-version=2022-08-01';
    const { fn, seen } = fakeFetch({ [url]: { body: { value: [], count: 0, nextLink: null } } });
    await fetchReport(arm, 'byApi', { $filter: 'f' }, { fetch: fn });
    expect(seen[0]?.url).toBe(url);
    expect(seen[0]?.url).not.toContain('eyJ0');
  });

  it('turns refusals and network failures into sentences', async () => {
    const url = 'http://127.0.0.1:8791/management/reports/byApi';
    const refused = fakeFetch({
      [url]: {
        status: 400,
        body: { error: { code: 'ValidationError', message: '$filter is required.' } },
      },
    });
    await expect(fetchReport(source, 'byApi', {}, { fetch: refused.fn })).rejects.toMatchObject({
      message: '$filter is required.',
      status: 400,
      code: 'ValidationError',
    });
    const down = fakeFetch({});
    const error = await fetchReport(source, 'byApi', {}, { fetch: down.fn }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ReportsError);
    expect((error as ReportsError).message).toBe(
      'The reports API at http://127.0.0.1:8791 could not be reached.',
    );
  });
});

describe('fetchSubscriptionNames', () => {
  it("reads every page of the publisher's subscriptions into names by id", async () => {
    const publisher = localPublisherSource({
      id: 'local-demo',
      name: 'Local demo',
      baseUrl: 'http://127.0.0.1:8791/azureml-demo',
      credentials: {},
      apim: { local: true, managementUrl: 'http://127.0.0.1:8791/management', demoAdminKey: 'k' },
    });
    if (!publisher) throw new Error('no publisher source');
    const first = 'http://127.0.0.1:8791/management/subscriptions';
    const second = 'http://127.0.0.1:8791/management/subscriptions?%24skip=1';
    const { fn, seen } = fakeFetch({
      [first]: {
        body: {
          value: [{ name: 'demo-starter', properties: { displayName: 'Starter (demo)' } }],
          nextLink: second,
        },
      },
      [second]: { body: { value: [{ name: '3f2a', properties: { displayName: 'E2E usage' } }] } },
    });
    const names = await fetchSubscriptionNames(publisher, { fetch: fn });
    expect([...names]).toEqual([
      ['demo-starter', 'Starter (demo)'],
      ['3f2a', 'E2E usage'],
    ]);
    expect(seen.every((s) => JSON.stringify(s.headers).includes('Bearer k'))).toBe(true);
  });
});
