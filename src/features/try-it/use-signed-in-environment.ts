import { useMemo, useSyncExternalStore } from 'react';
import type { Environment } from '../../core/config/portal-config';
import { accessTokensIn, signedInTokens } from '../../core/auth/token-store';

/**
 * The environment with the signed-in access tokens as its oauth2 / openIdConnect credentials,
 * so the token goes into the request as `Authorization: Bearer` through apply-security, marked
 * secret like every key (masked in the preview, History, share links and code samples).
 */
export function useSignedInEnvironment(
  environment: Environment | undefined,
): Environment | undefined {
  const store = signedInTokens();
  const all = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  return useMemo(() => {
    if (!environment) return environment;
    const tokens = accessTokensIn(all, environment.id);
    if (Object.keys(tokens).length === 0) return environment;
    return { ...environment, credentials: { ...environment.credentials, ...tokens } };
  }, [environment, all]);
}
