import type { Environment } from './portal-config';

// The shipped config's placeholder address ("https://YOUR-APIM-NAME.azure-api.net/..."): a base
// URL nobody has edited yet.
const PLACEHOLDER = /YOUR-[A-Z0-9-]+/;

/**
 * What a first-time user must still do before the active environment can send a request, as a
 * sentence they can act on; undefined once it is set up. A production build ships a config with
 * a placeholder address and no keys (README, "Configuration"), so this is what its first visitor
 * reads.
 */
export function setupNeeded(environment: Environment | undefined): string | undefined {
  if (!environment) {
    return 'No environment is set up yet. In Settings, add one with the base URL of your API and your key.';
  }
  if (PLACEHOLDER.test(environment.baseUrl)) {
    return (
      `“${environment.name}” still points at the placeholder ${environment.baseUrl}. In Settings, ` +
      'set its base URL to your API Management address (https://<name>.azure-api.net/<api-suffix>) ' +
      'and enter your keys. To try Portico without an Azure account, run the local demo (npm start).'
    );
  }
  const slots = Object.values(environment.credentials);
  if (slots.length > 0 && slots.every((value) => value.trim() === '')) {
    return (
      `No key is set for “${environment.name}”. Enter yours in Settings or in the try-it form; ` +
      'it stays in this browser.'
    );
  }
  return undefined;
}
