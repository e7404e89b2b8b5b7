import { createContext, useContext } from 'react';
import type { ApiCatalog } from '../core/definition/api-model';
import type { ApiSource } from '../queries/definition-queries';
import type { ApiEnvironments } from './use-api-environments';

/**
 * The API the header shows (the route's, or the last one opened when the route names none, as
 * on Settings or Subscriptions) with its environments and the one in use for it. Views that
 * belong to no API (API Management, Usage, Settings) act on this one's environment.
 */
export interface CurrentApi extends ApiEnvironments {
  api: ApiSource | undefined;
  definition: ApiCatalog | undefined;
}

export const CurrentApiContext = createContext<CurrentApi>({
  api: undefined,
  definition: undefined,
  environments: [],
  active: undefined,
});

export function useCurrentApi(): CurrentApi {
  return useContext(CurrentApiContext);
}
