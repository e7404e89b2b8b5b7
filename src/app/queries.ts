import { queryOptions } from '@tanstack/react-query';
import { loadDefinition } from '../core/definition/load-definition';
import { loadPortalConfig } from '../core/config/load-portal-config';
import { earlyConfigFetch } from './early-config-fetch';

/** One API the portal lists: from the deployer's config or added by the user in Settings. */
export interface ApiSource {
  id: string;
  title: string;
  origin: 'config' | 'added';
  source: { url: string } | { text: string; fileName: string };
  /** The environments the config lists for this API, if it lists any. */
  environmentIds?: string[];
}

export const portalConfigQuery = () =>
  queryOptions({
    queryKey: ['portal-config'],
    queryFn: () => loadPortalConfig(undefined, earlyConfigFetch()),
    staleTime: Infinity,
    retry: 1,
  });

/** The key names the document itself (URL or file name + size) so an edited source reloads. */
export const definitionQuery = (api: ApiSource) =>
  queryOptions({
    queryKey: [
      'definition',
      api.id,
      'url' in api.source ? api.source.url : `${api.source.fileName}:${api.source.text.length}`,
    ],
    // Definitions a user adds are also checked against the OpenAPI schemas, so their problems show as warnings.
    queryFn: ({ signal }) =>
      loadDefinition(api.source, { id: api.id, signal, validate: api.origin === 'added' }),
    staleTime: Infinity,
    // Resolved definitions contain cycles (circular $refs): react-query's deep compare would never end.
    structuralSharing: false,
    // A broken definition stays broken on retry; show the message at once.
    retry: false,
  });
