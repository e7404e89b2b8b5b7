/**
 * The Mock environment every API gets: its calls are answered in the browser from the
 * definition (see mock-response.ts), with no network call. A module of its own, with no
 * dependencies: the first page's environment list needs only this, not the sampler.
 */
import type { Environment } from '../config/portal-config';

export const MOCK_ENVIRONMENT_ID = 'mock';

/**
 * The base URL of mocked requests. `.invalid` is reserved (RFC 2606) and never resolves, so a
 * mocked request that reached fetch by mistake could not go anywhere.
 */
export const MOCK_BASE_URL = 'https://mock.portico.invalid';

export function isMockEnvironment(environment: Pick<Environment, 'id'> | undefined): boolean {
  return environment?.id === MOCK_ENVIRONMENT_ID;
}

/**
 * The API's environments with Mock last. Kept to the bare fields: this is on the first page,
 * whose JavaScript budget is nearly spent.
 */
export function withMockEnvironment(apiId: string, environments: Environment[]): Environment[] {
  return [
    ...environments,
    {
      id: MOCK_ENVIRONMENT_ID,
      name: 'Mock',
      baseUrl: MOCK_BASE_URL,
      credentials: {},
      apiIds: [apiId],
    },
  ];
}
