import { useEffect, useId, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { SecurityScheme } from '../../core/definition/api-model';
import type { Environment } from '../../core/config/portal-config';
import type { HttpRequest } from '../../core/request/http-request';
import { useQuery } from '@tanstack/react-query';
import type { EnvironmentOAuth } from '../../core/auth/oauth-config';
import { oauthClientsQuery } from '../../queries/oauth-queries';
import {
  clientSettingsStore,
  effectiveSettings,
  type ClientSettings,
} from '../../core/auth/client-settings';
import {
  flowLabel,
  offeredFlows,
  schemeFlows,
  type SignInFlowKind,
} from '../../core/auth/scheme-flows';
import { decodeJwt, expiryState, expiryText } from '../../core/auth/jwt-view';
import { explainRefusedToken } from '../../core/auth/auth-errors';
import { signedInTokens } from '../../core/auth/token-store';
import { ErrorMessage } from '../../components/error-message';
import { CopyButton } from '../../components/copy-button';
import { SecretInput } from '../../components/secret-input';
import { useNow, useProvider, useSignInActions } from './use-sign-in';
import './sign-in-panel.css';

export interface SignInPanelProps {
  scheme: SecurityScheme;
  environment: Environment;
  /** The definition's URL, which relative OAuth URLs resolve against. */
  definitionUrl: string | undefined;
  idPrefix: string;
  /** The last request sent and its status, to refresh once after a 401 and say why it happened. */
  lastCall: { request: HttpRequest; status: number } | undefined;
  /** Sends the form again (after a token was refreshed because of a 401). */
  onResend: () => void;
}

type FormValues = Omit<ClientSettings, 'scopes' | 'flow'> & {
  scopes: string[];
  flow: SignInFlowKind | '';
  secret: string;
  rememberSecret: boolean;
  keepInTab: boolean;
};

/**
 * Sign-in for an oauth2 or openIdConnect scheme: the client and what to ask for (per environment),
 * Sign in (pop-up, this tab when pop-ups are blocked), Get token (client credentials), device
 * code, the decoded token with its countdown, and Sign out. The token reaches the request as
 * Authorization: Bearer through the console's credentials (signedInTokens).
 */
export function SignInPanel(props: SignInPanelProps) {
  const { environment } = props;
  const clients = useQuery(oauthClientsQuery(environment.id));
  if (!clients.data) return null;
  return <SignInForm {...props} oauth={clients.data} />;
}

/** The panel once the environment's configured clients are known (they are its defaults). */
function SignInForm({
  scheme,
  environment,
  definitionUrl,
  idPrefix,
  lastCall,
  onResend,
  oauth,
}: SignInPanelProps & { oauth: EnvironmentOAuth }) {
  const uid = `${idPrefix}-signin-${scheme.id}-${useId()}`;
  const settingsStore = clientSettingsStore();
  const configured = oauth.clients[scheme.id];
  const [initial] = useState<FormValues>(() => {
    const s = effectiveSettings(configured, settingsStore.read(environment.id, scheme.id));
    return {
      ...s,
      flow: s.flow ?? '',
      secret: settingsStore.secret(environment.id, scheme.id),
      rememberSecret: settingsStore.secretRemembered(environment.id, scheme.id),
      keepInTab: signedInTokens().keptInTab(environment.id, scheme.id),
    };
  });
  const form = useForm<FormValues>({ defaultValues: initial });
  const values = useWatch({ control: form.control }) as FormValues;

  const { discovery, discoveryError, server } = useProvider(scheme, undefined);
  const flows = schemeFlows(scheme, discovery.data, definitionUrl);
  const offered = offeredFlows(flows, values.showDeprecated);
  const flow = offered.find((f) => f.kind === values.flow) ?? offered[0];
  const flowServer = useProvider(scheme, flow).server ?? server;

  const settings: ClientSettings = {
    clientId: values.clientId.trim(),
    confidentialClientId: values.confidentialClientId.trim(),
    scopes: values.scopes,
    resource: values.resource,
    audience: values.audience,
    prompt: values.prompt,
    ...(values.flow ? { flow: values.flow } : {}),
    showDeprecated: values.showDeprecated,
  };
  const save = () => {
    const v = form.getValues();
    settingsStore.write(environment.id, scheme.id, {
      clientId: v.clientId.trim(),
      confidentialClientId: v.confidentialClientId.trim(),
      scopes: v.scopes,
      resource: v.resource.trim(),
      audience: v.audience.trim(),
      prompt: v.prompt.trim(),
      ...(v.flow ? { flow: v.flow } : {}),
      showDeprecated: v.showDeprecated,
    });
    settingsStore.setSecret(environment.id, scheme.id, v.secret, v.rememberSecret);
    signedInTokens().keepInTab(environment.id, scheme.id, v.keepInTab);
  };
  const registerSaved = (name: keyof FormValues) => form.register(name, { onChange: save });

  const actions = useSignInActions({
    environment,
    scheme,
    server: flowServer,
    settings,
    secret: values.secret,
    keepInTab: values.keepInTab,
  });
  const held = actions.held;
  const now = useNow();

  // Scopes to choose from: the definition's (or the provider's) and the environment's.
  const scopeChoices = (() => {
    const names = new Map<string, string>();
    for (const [name, description] of Object.entries(flow?.scopes ?? {}))
      names.set(name, description);
    for (const name of configured?.scopes ?? []) if (!names.has(name)) names.set(name, '');
    for (const name of values.scopes) if (!names.has(name)) names.set(name, '');
    return [...names];
  })();

  // A 401 for the signed-in token: refreshed once (if it can be) and sent again; and said why.
  const sentToken = lastCall
    ? lastCall.request.headers
        .find((h) => h.name.toLowerCase() === 'authorization')
        ?.value.replace(/^Bearer\s+/i, '')
    : undefined;
  const refusedOurs = lastCall?.status === 401 && held !== undefined && sentToken !== undefined;
  // One refresh per run of 401s: a token refused again after a refresh is not the expiry's fault.
  const autoRefreshUsed = useRef(false);
  const resendWanted = useRef(false);
  const lastRequest = lastCall?.request;
  const refreshAfter401 = actions.refresh.mutate;
  useEffect(() => {
    if (!lastRequest) return;
    if (!refusedOurs) {
      autoRefreshUsed.current = false;
      return;
    }
    if (autoRefreshUsed.current || !held.refreshToken) return;
    autoRefreshUsed.current = true;
    refreshAfter401(undefined, {
      onSuccess: (refreshed) => {
        resendWanted.current = refreshed;
      },
    });
  }, [lastRequest, refusedOurs, held, refreshAfter401]);
  // Sent from an effect, once the console has rendered the request with the new token.
  const refreshStatus = actions.refresh.status;
  useEffect(() => {
    if (!resendWanted.current || refreshStatus !== 'success') return;
    resendWanted.current = false;
    onResend();
  }, [held, refreshStatus, onResend]);
  const refusedClaims = refusedOurs && sentToken ? decodeJwt(sentToken)?.claims : undefined;
  const expectedAudience = configured?.resource ?? configured?.audience;
  const reasons = refusedClaims
    ? explainRefusedToken(refusedClaims, {
        ...(expectedAudience ? { audience: expectedAudience } : {}),
        now,
      })
    : [];

  const decoded = held ? decodeJwt(held.accessToken) : undefined;
  const expiry = expiryState(held?.expiresAt, now);
  const busy =
    actions.signIn.isPending ||
    actions.complete.isPending ||
    actions.clientCredentials.isPending ||
    actions.deviceCode.isPending;
  const confidential = flow?.kind === 'clientCredentials';

  return (
    <div className="sign-in" role="group" aria-labelledby={`${uid}-title`}>
      <p id={`${uid}-title`} className="sign-in__title">
        Sign in for “{scheme.id}” (
        {scheme.type === 'openIdConnect' ? 'OpenID Connect' : 'OAuth 2.0'})
      </p>
      {oauth.problem && (
        <ErrorMessage
          error={new Error(oauth.problem)}
          title="The environment's sign-in settings are wrong"
        />
      )}
      {discovery.isPending && discovery.fetchStatus !== 'idle' && (
        <p className="field__hint" role="status">
          Reading the provider’s discovery document…
        </p>
      )}
      {discoveryError && <ErrorMessage error={discoveryError} />}

      {flows.length > 0 && (
        <div className="sign-in__grid">
          <div className="field">
            <label className="field__label" htmlFor={`${uid}-flow`}>
              Flow
            </label>
            <select
              id={`${uid}-flow`}
              className="input"
              value={flow?.kind ?? ''}
              onChange={(e) => {
                form.setValue('flow', e.target.value as SignInFlowKind);
                save();
              }}
            >
              {offered.map((f) => (
                <option key={f.kind} value={f.kind}>
                  {flowLabel(f.kind)}
                </option>
              ))}
            </select>
            <label className="checkbox">
              <input type="checkbox" {...registerSaved('showDeprecated')} />
              Show deprecated flows (implicit, password)
            </label>
          </div>
          {confidential ? (
            <>
              <div className="field">
                <label className="field__label" htmlFor={`${uid}-cc-client`}>
                  Client ID (confidential client)
                </label>
                <input
                  id={`${uid}-cc-client`}
                  className="input input--mono"
                  autoComplete="off"
                  {...registerSaved('confidentialClientId')}
                />
              </div>
              <div className="field">
                <label className="field__label" htmlFor={`${uid}-secret`}>
                  Client secret
                </label>
                <SecretInput
                  id={`${uid}-secret`}
                  value={values.secret}
                  onChange={(v) => {
                    form.setValue('secret', v);
                    save();
                  }}
                  revealLabel="Show secret"
                  aria-describedby={`${uid}-secret-warning`}
                  placeholder="Not set"
                />
                <p id={`${uid}-secret-warning`} className="sign-in__warning">
                  A client secret typed into a web page is visible to anyone with access to this
                  page and browser: use a test client’s secret, never a production one. It is kept
                  in memory only unless you tick “Remember on this device”.
                </p>
                <label className="checkbox">
                  <input type="checkbox" {...registerSaved('rememberSecret')} />
                  Remember on this device
                </label>
              </div>
            </>
          ) : (
            <div className="field">
              <label className="field__label" htmlFor={`${uid}-client`}>
                Client ID
              </label>
              <input
                id={`${uid}-client`}
                className="input input--mono"
                autoComplete="off"
                {...registerSaved('clientId')}
              />
            </div>
          )}
          {scopeChoices.length > 0 && (
            <fieldset className="sign-in__scopes">
              <legend className="field__label">Scopes</legend>
              {scopeChoices.map(([name, description]) => (
                <label key={name} className="checkbox">
                  <input type="checkbox" value={name} {...registerSaved('scopes')} />
                  <code>{name}</code>
                  {description && <span className="field__hint"> {description}</span>}
                </label>
              ))}
            </fieldset>
          )}
          <details className="sign-in__extra">
            <summary>Extra parameters</summary>
            {(['resource', 'audience', 'prompt'] as const).map((name) => (
              <div className="field" key={name}>
                <label className="field__label" htmlFor={`${uid}-${name}`}>
                  {name === 'resource' ? 'Resource' : name === 'audience' ? 'Audience' : 'Prompt'}
                </label>
                <input
                  id={`${uid}-${name}`}
                  className="input input--mono"
                  autoComplete="off"
                  {...registerSaved(name)}
                />
              </div>
            ))}
          </details>
        </div>
      )}

      {flow && (flow.kind === 'authorizationCode' || flow.kind === 'deviceCode') && (
        <p className="sign-in__redirect">
          Redirect URI to register with the provider (as a Single-page application in Entra ID):{' '}
          <code>{actions.redirectUri}</code>{' '}
          <CopyButton text={actions.redirectUri} label="Copy redirect URI" />
        </p>
      )}
      {flow?.deprecated && (
        <p className="sign-in__warning" role="note">
          {flowLabel(flow.kind)}: the OAuth 2.0 Security Best Current Practice (RFC 9700) says not
          to use this flow, and Portico does not run it. Use authorization code with PKCE, which
          every provider offering this flow also offers.
        </p>
      )}

      <div className="sign-in__actions">
        {flow?.kind === 'authorizationCode' && (
          <button
            type="button"
            className="button button--primary button--small"
            disabled={busy || !actions.prepared}
            onClick={() => actions.signIn.mutate()}
          >
            Sign in
          </button>
        )}
        {flow?.kind === 'clientCredentials' && (
          <button
            type="button"
            className="button button--primary button--small"
            disabled={busy || values.secret === '' || settings.confidentialClientId === ''}
            onClick={() => actions.clientCredentials.mutate()}
          >
            Get token
          </button>
        )}
        {flow?.kind === 'deviceCode' &&
          (actions.deviceCode.isPending ? (
            <button type="button" className="button button--small" onClick={actions.cancelDevice}>
              Cancel device sign-in
            </button>
          ) : (
            <button
              type="button"
              className="button button--primary button--small"
              disabled={busy || settings.clientId === ''}
              onClick={() => actions.deviceCode.mutate()}
            >
              Start device sign-in
            </button>
          ))}
        {held && (
          <button
            type="button"
            className="button button--small"
            onClick={() => actions.signOut.mutate()}
          >
            Sign out
          </button>
        )}
      </div>
      {actions.popupOpen && (
        <p className="field__hint" role="status">
          Finish signing in in the provider’s window.
        </p>
      )}
      {actions.device && (
        <p className="sign-in__device" role="status">
          On any device, open{' '}
          <a
            href={actions.device.verificationUriComplete ?? actions.device.verificationUri}
            target="_blank"
            rel="noreferrer"
          >
            {actions.device.verificationUri}
          </a>{' '}
          and enter the code{' '}
          <strong className="sign-in__user-code">{actions.device.userCode}</strong>.
        </p>
      )}
      {actions.error !== undefined && actions.error !== null && (
        <ErrorMessage error={actions.error} />
      )}
      {actions.signOut.isSuccess && !held && (
        <p className="field__hint" role="status">
          {actions.signOut.data
            ? 'Signed out: the provider revoked the grant.'
            : 'Signed out: the token is forgotten here, and stays valid at the provider until it expires.'}
        </p>
      )}

      {reasons.length > 0 && (
        <div className="alert sign-in__refused" role="alert">
          <p className="alert__title">The API refused the signed-in token</p>
          <ul>
            {reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      )}

      {held && (
        <div className="sign-in__token" aria-label="Signed-in token">
          <p className="sign-in__status" role="status">
            <strong>Signed in</strong> ({flowLabel(held.flow)}) ·{' '}
            <span className={expiry.kind === 'expired' ? 'sign-in__expired' : undefined}>
              {expiryText(expiry)}
            </span>
            {held.refreshToken ? ' · refreshed automatically before it expires' : ''}
          </p>
          {held.scope && (
            <p className="field__hint">
              Granted scopes: <code>{held.scope}</code>
            </p>
          )}
          <label className="checkbox">
            <input type="checkbox" {...registerSaved('keepInTab')} />
            Keep me signed in in this tab (session storage; otherwise a reload signs you out)
          </label>
          {decoded ? (
            <div className="sign-in__decoded">
              <p className="field__label">Header</p>
              <pre className="sign-in__json" tabIndex={0}>
                {JSON.stringify(decoded.header, null, 2)}
              </pre>
              <p className="field__label">Claims</p>
              <pre className="sign-in__json" tabIndex={0} aria-label="Token claims">
                {JSON.stringify(decoded.claims, null, 2)}
              </pre>
              <p className="field__hint">
                Signature hidden ({decoded.signatureLength} characters).
              </p>
            </div>
          ) : (
            <p className="field__hint">The access token is opaque: it has no claims to show.</p>
          )}
        </div>
      )}
    </div>
  );
}
