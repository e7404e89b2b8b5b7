/**
 * The Mock environment every API gets: its calls are answered in the browser from the
 * definition (see mock-response.ts), with no network call. A module of its own, with no
 * dependencies: the environment list and the panel need only these names, not the sampler.
 */
import type { Environment } from '../config/portal-config';

export const MOCK_ENVIRONMENT_ID = 'mock';

/**
 * The base URL of mocked requests. `.invalid` is reserved (RFC 2606) and never resolves, so a
 * mocked request that reached fetch by mistake could not go anywhere.
 */
export const MOCK_BASE_URL = 'https://mock.portico.invalid';

/** The header a mocked response carries, so History and every panel can say it was mocked. */
export const MOCKED_IN_BROWSER_HEADER = 'X-Portico-Mocked';
export const MOCKED_IN_BROWSER_VALUE = 'browser';

export function mockEnvironment(apiId: string): Environment {
  return {
    id: MOCK_ENVIRONMENT_ID,
    name: 'Mock',
    baseUrl: MOCK_BASE_URL,
    credentials: {},
    builtIn: true,
    apiIds: [apiId],
  };
}

export function isMockEnvironment(environment: Pick<Environment, 'id'> | undefined): boolean {
  return environment?.id === MOCK_ENVIRONMENT_ID;
}

/** The API's environments with Mock last, once. */
export function withMockEnvironment(apiId: string, environments: Environment[]): Environment[] {
  return environments.some(isMockEnvironment)
    ? environments
    : [...environments, mockEnvironment(apiId)];
}

/** Whether a response (or a History entry's headers) was made in the browser by the Mock environment. */
export function isMockedInBrowser(headers: ReadonlyArray<readonly [string, string]>): boolean {
  const wanted = MOCKED_IN_BROWSER_HEADER.toLowerCase();
  return headers.some(
    ([name, value]) =>
      name.toLowerCase() === wanted && value.trim().toLowerCase() === MOCKED_IN_BROWSER_VALUE,
  );
}
