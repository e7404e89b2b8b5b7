/**
 * What the queries of the APIM catalog run, loaded with the catalog client only when the
 * config names an API Management source: the credential is read from the config or this tab's
 * token store at call time, so it is never part of a query key.
 */

import type { ApimApiSource } from '../config/portal-config';
import type { ApiCatalog } from '../definition/api-model';
import type { DefinitionClient } from '../definition/definition-worker-client';
import type { ApimApi } from './apim-api-contracts';
import { apimAccess, apimExportLink, exportLinkFailure, listApimApis } from './apim-catalog-client';
import { armTokenStore } from './arm-token-store';

const portalOrigin = () => globalThis.location?.origin;

export function listPublishedApis(source: ApimApiSource, signal: AbortSignal): Promise<ApimApi[]> {
  const access = apimAccess(source, armTokenStore.read(source.managementUrl));
  return listApimApis(access, { signal, portalOrigin: portalOrigin() });
}

/**
 * The catalog of a published API: its export link (a short-lived SAS) is asked for now, at
 * load time, and again whenever the worker has to load the definition afresh.
 */
export async function loadExportedCatalog(
  definitions: DefinitionClient,
  source: ApimApiSource,
  apiId: string,
  signal: AbortSignal,
): Promise<ApiCatalog> {
  const fresh = async (abort?: AbortSignal): Promise<{ url: string }> => {
    const access = apimAccess(source, armTokenStore.read(source.managementUrl));
    const link = await apimExportLink(access, apiId, {
      ...(abort ? { signal: abort } : {}),
      portalOrigin: portalOrigin(),
    });
    return { url: link };
  };
  const link = await fresh(signal);
  try {
    return await definitions.loadCatalog(link, { id: apiId, signal, freshSource: fresh });
  } catch (error) {
    throw exportLinkFailure(error, link.url);
  }
}
