import { useQueryClient } from '@tanstack/react-query';
import { useReducer } from 'react';
import { armTokenStore } from '../core/apim/arm-token-store';
import { absoluteUrl, fetchText } from '../core/definition/fetch-text';
import { publishAccessForApi } from '../core/publish/publish-access';
import { usePortal } from './portal-context';
import type { OpenDefinition } from '../features/publish/components/import-panel';
import { PublishPage, type PublishAccess } from '../features/publish/components/publish-page';
import { publishViewOf } from '../features/publish/publish-paths';
import { refreshApimCatalog } from '../queries/apim-catalog-queries';
import type { ApiSource } from '../queries/definition-queries';
import { useCurrentApi } from './current-api';
import { NotFound } from './route-states';

function openDefinitionOf(
  api: ApiSource | undefined,
  title: string | undefined,
): OpenDefinition | undefined {
  // An API read from API Management is published already.
  if (!api || 'apim' in api.source) return undefined;
  const source = api.source;
  return {
    title: title ?? api.title,
    loadText: async () =>
      'text' in source
        ? source.text
        : (await fetchText(absoluteUrl(source.url), { what: 'the definition' })).text,
  };
}

/** The Publish area for the current API's environment, offering that API for "Publish this API". */
export function PublishRoute({ rest }: { rest: string }) {
  const view = publishViewOf(rest);
  const { api, definition, active, environments: apiEnvironments } = useCurrentApi();
  const { environments } = usePortal();
  const queryClient = useQueryClient();
  // The token lives in session storage: a change re-reads it.
  const [, tokenChanged] = useReducer((n: number) => n + 1, 0);
  const found = publishAccessForApi(active, apiEnvironments, environments, (url) =>
    armTokenStore.read(url),
  );
  const access: PublishAccess =
    found.kind === 'needs-token'
      ? {
          kind: 'needs-token',
          onToken: (token) => {
            armTokenStore.write(found.managementUrl, token);
            tokenChanged();
            void refreshApimCatalog(queryClient);
          },
        }
      : found;
  if (!view) return <NotFound>The Publish area has no page at this address.</NotFound>;
  return (
    <PublishPage
      access={access}
      view={view}
      openDefinition={openDefinitionOf(api, definition?.title)}
      {...(found.kind === 'ready' && found.target.kind === 'arm'
        ? {
            onTokenRefused: () => {
              armTokenStore.write(found.target.managementUrl, '');
              tokenChanged();
            },
          }
        : {})}
    />
  );
}
