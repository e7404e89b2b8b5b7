import type { SecurityScheme } from '../../core/definition/api-model';
import type { Environment } from '../../core/config/portal-config';
import { schemeHint, schemeLabel } from '../../core/definition/security-scheme-text';
import { SecretInput } from '../../components/secret-input';
import type { HttpRequest } from '../../core/request/http-request';
import { isSignInScheme } from '../../core/auth/scheme-flows';
import { lazyModule } from '../../core/util/lazy-module';
import { useLazyModule } from '../../hooks/use-lazy-module';

// Sign-in (with oauth4webapi) loads only for an operation whose scheme is oauth2 / openIdConnect.
const signInPanel = lazyModule(() => import('./sign-in-panel'));

export interface CredentialsSectionProps {
  schemes: SecurityScheme[];
  environment: Environment | undefined;
  idPrefix: string;
  onCredentialChange: (schemeId: string, value: string) => void;
  /** For oauth2 / openIdConnect schemes: what the sign-in panel needs of the console. */
  signIn?: {
    definitionUrl: string | undefined;
    lastCall: { request: HttpRequest; status: number } | undefined;
    onResend: () => void;
    /** Schemes with a signed-in token: their pasted-token field steps aside. */
    signedIn: Record<string, string>;
  };
}

/**
 * The operation's credentials. They belong to the environment, not to the form, so they are
 * never part of the form values (and never land in the per-operation sessionStorage entry).
 */
export function CredentialsSection({
  schemes,
  environment,
  idPrefix,
  onCredentialChange,
  signIn,
}: CredentialsSectionProps) {
  const signInSchemes = signIn && environment ? schemes.filter(isSignInScheme) : [];
  const panel = useLazyModule(signInPanel, signInSchemes.length > 0);
  return (
    <fieldset className="try-it__group">
      <legend className="try-it__legend">Authentication</legend>
      <div className="try-it__grid">
        {schemes.map((scheme) => {
          if (signIn?.signedIn[scheme.id]) return null;
          const id = `${idPrefix}-cred-${scheme.id}`;
          const hintId = `${id}-hint`;
          return (
            <div className="field" key={scheme.id}>
              <label className="field__label" htmlFor={id}>
                {schemeLabel(scheme)}
              </label>
              <SecretInput
                id={id}
                value={environment?.credentials[scheme.id] ?? ''}
                onChange={(v) => onCredentialChange(scheme.id, v)}
                disabled={!environment}
                aria-describedby={hintId}
                placeholder={environment ? 'Not set' : 'No environment'}
              />
              <span id={hintId} className="field__hint">
                {schemeHint(scheme)}
                {environment ? ` · saved with “${environment.name}”` : ''}
              </span>
            </div>
          );
        })}
        {panel &&
          signIn &&
          environment &&
          signInSchemes.map((scheme) => (
            <panel.SignInPanel
              key={`${environment.id}/${scheme.id}`}
              scheme={scheme}
              environment={environment}
              definitionUrl={signIn.definitionUrl}
              idPrefix={idPrefix}
              lastCall={signIn.lastCall}
              onResend={signIn.onResend}
            />
          ))}
      </div>
    </fieldset>
  );
}
