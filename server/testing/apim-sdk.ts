import { ApiManagementClient } from '@azure/arm-apimanagement';

/**
 * Azure's own management SDK, pointed at a local management root (`http://127.0.0.1:<port>/management`)
 * with only its endpoint changed. Azure's bearer policy refuses plain http (a real endpoint is
 * https); this one asks the same credential for its token and sends it over the loopback http of
 * the demo stack. `onScopes` sees the scopes the SDK asks the credential for.
 */
export function loopbackApimClient(
  endpoint: string,
  adminKey: string,
  onScopes: (scopes: string[]) => void = () => {},
): ApiManagementClient {
  const credential = {
    getToken: async (scopes: string | string[]) => {
      onScopes([scopes].flat());
      return { token: adminKey, expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
  const client = new ApiManagementClient(credential, '00000000-0000-0000-0000-000000000000', {
    endpoint,
    retryOptions: { maxRetries: 0 },
    allowInsecureConnection: true,
  });
  client.pipeline.removePolicy({ name: 'bearerTokenAuthenticationPolicy' });
  client.pipeline.addPolicy({
    name: 'adminKeyOverLoopbackHttp',
    sendRequest: async (request, next) => {
      const token = await credential.getToken(`${endpoint}/.default`);
      request.headers.set('Authorization', `Bearer ${token.token}`);
      return next(request);
    },
  });
  return client;
}
