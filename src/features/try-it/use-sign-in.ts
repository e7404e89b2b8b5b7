import { useMutation, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { SecurityScheme } from '../../core/definition/api-model';
import type { Environment } from '../../core/config/portal-config';
import { browserStorage } from '../../core/util/browser-storage';
import { signedInTokens, type HeldToken } from '../../core/auth/token-store';
import {
  clientCredentialsToken,
  completeAuthorization,
  pollDeviceToken,
  refreshDueAt,
  refreshHeldToken,
  revokeHeldToken,
  serverOfFlow,
  startAuthorization,
  startDeviceAuthorization,
  type AuthorizationServer,
  type DeviceAuthorization,
  type PendingAuthorization,
} from '../../core/auth/sign-in';
import {
  CALLBACK_CHANNEL,
  callbackUrlOf,
  redirectUriFor,
  savePending,
  takePending,
  takeRedirectCallback,
} from '../../core/auth/callback-handoff';
import { describeSignInError, PopupError, type SignInStep } from '../../core/auth/auth-errors';
import type { SignInFlow } from '../../core/auth/scheme-flows';
import { tokenParameters, type ClientSettings } from '../../core/auth/client-settings';
import { oauthDiscoveryQuery } from '../../queries/oauth-queries';

/** A sign-in failure as the portal's ErrorMessage shows it (describeError asks it to describe itself). */
export class SignInFailure extends Error {
  constructor(
    private readonly problem: ReturnType<typeof describeSignInError>,
    options?: { cause?: unknown },
  ) {
    super(problem.message, options);
    this.name = 'SignInFailure';
  }
  describe() {
    return this.problem;
  }
}

function failure(error: unknown, step: SignInStep, extra: { url?: string; scopes?: string[] }) {
  return new SignInFailure(
    describeSignInError(error, {
      step,
      ...extra,
      redirectUri: redirectUriFor(window.location),
      origin: window.location.origin,
    }),
    { cause: error },
  );
}

/** The provider's metadata: read from discovery for openIdConnect, the flow's URLs for oauth2. */
export function useProvider(scheme: SecurityScheme, flow: SignInFlow | undefined) {
  const url = scheme.type === 'openIdConnect' ? scheme.openIdConnectUrl : undefined;
  const discovery = useQuery({
    ...oauthDiscoveryQuery(url ?? ''),
    enabled: url !== undefined,
  });
  // Worded where it is shown, so the panel's one error view says what to do.
  const discoveryError = discovery.error
    ? failure(discovery.error, 'discovery', url ? { url } : {})
    : undefined;
  const server: AuthorizationServer | undefined =
    scheme.type === 'openIdConnect' ? discovery.data : flow ? serverOfFlow(flow) : undefined;
  return { discovery, discoveryError, server };
}

export function useHeldToken(environmentId: string, schemeId: string): HeldToken | undefined {
  const store = signedInTokens();
  useSyncExternalStore(store.subscribe, store.getVersion);
  return store.get(environmentId, schemeId);
}

/** Seconds tick for the countdown. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

interface SignInOptions {
  environment: Environment;
  scheme: SecurityScheme;
  server: AuthorizationServer | undefined;
  settings: ClientSettings;
  secret: string;
  keepInTab: boolean;
}

/**
 * The sign-in actions of one scheme in one environment. Every action is a mutation: its error is
 * already worded (SignInFailure) for the panel's one error view.
 */
export function useSignInActions(options: SignInOptions) {
  const { environment, scheme, server, settings, secret } = options;
  const store = signedInTokens();
  const held = useHeldToken(environment.id, scheme.id);
  const parameters = tokenParameters(settings);
  const latest = useRef(options);
  latest.current = options;

  const keep = useCallback(
    (token: HeldToken, pending?: PendingAuthorization) =>
      store.set(
        pending?.environmentId ?? environment.id,
        pending?.schemeId ?? scheme.id,
        token,
        pending?.keepInTab ?? latest.current.keepInTab,
      ),
    [store, environment.id, scheme.id],
  );

  // The provider's answer, from the pop-up or from a redirect back to this page.
  const complete = useMutation({
    mutationFn: async (callbackUrl: string) => {
      const pending = takePending(browserStorage('session'), callbackUrl);
      if (!pending)
        throw failure(
          new Error('No sign-in of this tab is waiting for this answer.'),
          'authorize',
          {},
        );
      try {
        keep(await completeAuthorization(pending, callbackUrl), pending);
      } catch (error) {
        throw failure(error, error instanceof TypeError ? 'token' : 'authorize', {
          url: pending.server.token_endpoint ?? '',
          scopes: pending.parameters.scopes,
        });
      }
    },
  });

  // A pop-up in flight: its window, to notice it being closed without an answer.
  const [popup, setPopup] = useState<Window | null>(null);
  const completeRef = useRef(complete.mutate);
  completeRef.current = complete.mutate;
  useEffect(() => {
    if (!popup) return;
    const origin = window.location.origin;
    let answered = false;
    const take = (url: string | undefined) => {
      if (!url || answered) return;
      answered = true;
      setPopup(null);
      completeRef.current(url);
    };
    const onMessage = (event: MessageEvent) => take(callbackUrlOf(event, origin));
    window.addEventListener('message', onMessage);
    const channel =
      typeof BroadcastChannel === 'function' ? new BroadcastChannel(CALLBACK_CHANNEL) : undefined;
    channel?.addEventListener('message', (event) =>
      take(callbackUrlOf({ origin, data: event.data }, origin)),
    );
    // A closed window may still have posted its message: give it a moment before saying so.
    const watch = setInterval(() => {
      if (!popup.closed || answered) return;
      clearInterval(watch);
      setTimeout(() => {
        if (!answered) {
          setPopup(null);
          setClosedError(failure(new PopupError('closed'), 'authorize', {}));
        }
      }, 1000);
    }, 500);
    return () => {
      window.removeEventListener('message', onMessage);
      channel?.close();
      clearInterval(watch);
    };
  }, [popup]);
  const [closedError, setClosedError] = useState<SignInFailure>();

  // After a redirect back (pop-up blocked), finish the exchange this page was left for.
  useEffect(() => {
    const url = takeRedirectCallback(browserStorage('session'));
    if (url) completeRef.current(url);
  }, []);

  // PKCE S256 needs an async digest, and window.open must run in the click itself to get past
  // pop-up blockers: the authorization request is prepared ahead of the click.
  const redirectUri = redirectUriFor(window.location);
  const prepared = useQuery({
    queryKey: [
      'oauth-authorization',
      environment.id,
      scheme.id,
      server,
      settings.clientId,
      parameters,
      redirectUri,
    ],
    queryFn: () =>
      startAuthorization({
        server: server ?? { issuer: '' },
        clientId: settings.clientId,
        redirectUri,
        parameters,
        environmentId: environment.id,
        schemeId: scheme.id,
        mode: 'popup',
        // Both are read again at the click, when they are known for sure.
        returnTo: window.location.href,
        keepInTab: false,
      }),
    enabled: server?.authorization_endpoint !== undefined && settings.clientId !== '',
    staleTime: Infinity,
    gcTime: 0,
  });

  const signIn = useMutation({
    mutationFn: async () => {
      const ready = prepared.data;
      if (!ready) throw failure(new Error('The sign-in is still being prepared.'), 'authorize', {});
      void prepared.refetch();
      setClosedError(undefined);
      const pending = {
        ...ready.pending,
        keepInTab: latest.current.keepInTab,
        returnTo: window.location.href,
      };
      const session = browserStorage('session');
      savePending(session, pending);
      const opened = window.open(ready.url, 'portico-sign-in', 'popup,width=520,height=720');
      if (opened) {
        setPopup(opened);
        return 'popup' as const;
      }
      // Pop-up blocked: the same request in this tab; the callback page brings the user back.
      savePending(session, { ...pending, mode: 'redirect' });
      window.location.assign(ready.url);
      return 'redirect' as const;
    },
  });

  const clientCredentials = useMutation({
    mutationFn: async () => {
      const url = server?.token_endpoint ?? '';
      try {
        if (!server) throw new Error('The provider is not known yet.');
        keep(
          await clientCredentialsToken(
            server,
            { clientId: settings.confidentialClientId, clientSecret: secret },
            parameters,
          ),
        );
      } catch (error) {
        throw failure(error, 'token', { url, scopes: parameters.scopes });
      }
    },
  });

  const [device, setDevice] = useState<DeviceAuthorization>();
  const deviceAbort = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => deviceAbort.current?.abort(), []);
  const deviceCode = useMutation({
    mutationFn: async () => {
      if (!server) throw failure(new Error('The provider is not known yet.'), 'device', {});
      deviceAbort.current?.abort();
      const abort = new AbortController();
      deviceAbort.current = abort;
      try {
        const started = await startDeviceAuthorization(server, settings.clientId, parameters, {
          signal: abort.signal,
        });
        setDevice(started);
        for (;;) {
          const result = await pollDeviceToken(server, settings.clientId, started, parameters, {
            signal: abort.signal,
          });
          if ('token' in result) {
            keep(result.token);
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, result.waitSeconds * 1000));
          if (abort.signal.aborted) return;
        }
      } catch (error) {
        throw failure(error, 'device', {
          url: server.device_authorization_endpoint ?? '',
          scopes: parameters.scopes,
        });
      } finally {
        setDevice(undefined);
      }
    },
  });

  const refresh = useMutation({
    mutationFn: async () => {
      const current = store.get(environment.id, scheme.id);
      if (!server || !current) return false;
      try {
        keep(await refreshHeldToken(server, settings.clientId, current, parameters));
        return true;
      } catch (error) {
        throw failure(error, 'refresh', { url: server.token_endpoint ?? '' });
      }
    },
  });

  // Refreshed ahead of expiry whenever a refresh token was granted.
  const refreshRef = useRef(refresh.mutate);
  refreshRef.current = refresh.mutate;
  useEffect(() => {
    const due = held ? refreshDueAt(held) : undefined;
    if (due === undefined) return;
    const timer = setTimeout(() => refreshRef.current(), Math.max(0, due - Date.now()));
    return () => clearTimeout(timer);
  }, [held]);

  const signOut = useMutation({
    mutationFn: async () => {
      const current = store.get(environment.id, scheme.id);
      deviceAbort.current?.abort();
      // Forgotten first: a provider that cannot be reached must not keep the user signed in.
      store.clear(environment.id, scheme.id);
      // A confidential client's token would need its secret to be revoked: it just expires.
      if (!current || !server || current.flow === 'clientCredentials') return false;
      try {
        return await revokeHeldToken(server, settings.clientId, current);
      } catch (error) {
        throw failure(error, 'revoke', { url: server.revocation_endpoint ?? '' });
      }
    },
  });

  // The last action's outcome: an older failure is not shown once something ran since.
  const last = [complete, signIn, clientCredentials, deviceCode, refresh, signOut]
    .filter((m) => m.submittedAt > 0)
    .sort((a, b) => b.submittedAt - a.submittedAt)[0];
  const error = closedError ?? (last?.isError ? last.error : undefined);
  return {
    held,
    redirectUri,
    prepared: prepared.data !== undefined,
    popupOpen: popup !== null,
    complete,
    signIn,
    clientCredentials,
    device,
    deviceCode,
    cancelDevice: () => deviceAbort.current?.abort(),
    refresh,
    signOut,
    error,
  };
}
