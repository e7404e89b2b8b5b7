/**
 * Azure Resource Manager, as the portal reads a real API Management instance's management
 * plane: which roots are ARM's, the api-version every call carries, and the access token the
 * user pasted. One token per management root, shared by the Usage view and the APIM catalog.
 */

import { browserStorage, readStored, removeStored, writeStored } from '../util/browser-storage';

export const ARM_API_VERSION = '2022-08-01';

const ARM_SERVICE =
  /^https:\/\/management\.azure\.com\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.ApiManagement\/service\/[^/]+$/i;

export function isArmManagementUrl(url: string | undefined): boolean {
  return url !== undefined && ARM_SERVICE.test(url.replace(/\/+$/, ''));
}

/** The command that prints a token for ARM, quoted in every message that asks for one. */
export const ARM_TOKEN_COMMAND =
  'az account get-access-token --resource https://management.azure.com --query accessToken -o tsv';

// The key predates the catalog: a token pasted in the Usage view serves the catalog too.
const TOKEN_KEY = (managementUrl: string) =>
  `portico.usage.token:${managementUrl.replace(/\/+$/, '')}`;

/**
 * The pasted ARM token lives in this tab's session storage only: never in a URL, a query key,
 * a code sample or history. Storage refused (private mode): the token lasts as long as the page.
 */
export const armTokenStore = {
  read(managementUrl: string): string {
    return readStored(browserStorage('session'), TOKEN_KEY(managementUrl)) ?? '';
  },
  write(managementUrl: string, token: string): void {
    const session = browserStorage('session');
    if (token) writeStored(session, TOKEN_KEY(managementUrl), token);
    else removeStored(session, TOKEN_KEY(managementUrl));
  },
};
