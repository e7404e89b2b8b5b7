import type { SecurityScheme } from '../../core/definition/api-model';
import type { Environment } from '../../core/config/portal-config';
import { schemeHint, schemeLabel } from '../../core/definition/security-scheme-text';
import { SecretInput } from '../../components/secret-input';

export interface CredentialsSectionProps {
  schemes: SecurityScheme[];
  environment: Environment | undefined;
  idPrefix: string;
  onCredentialChange: (schemeId: string, value: string) => void;
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
}: CredentialsSectionProps) {
  return (
    <fieldset className="try-it__group">
      <legend className="try-it__legend">Authentication</legend>
      <div className="try-it__grid">
        {schemes.map((scheme) => {
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
      </div>
    </fieldset>
  );
}
