import { useMemo } from 'react';
import type { ApiDefinitionHead, ApiOperation } from '../../core/definition/api-model';
import type { Environment } from '../../core/config/portal-config';
import { sendWarnings } from '../../core/request/send-readiness';
import { schemeLabel } from '../../core/definition/security-scheme-text';

export interface SendWarningsProps {
  api: ApiDefinitionHead;
  operation: ApiOperation;
  environment: Environment;
  /** Id prefix of the credential fields (CredentialsSection). */
  idPrefix: string;
}

/** Beside Send: what will make this request fail, and where to fix it. Sending stays possible. */
export function SendWarnings({ api, operation, environment, idPrefix }: SendWarningsProps) {
  const warnings = useMemo(
    () => sendWarnings(operation, api.securitySchemes, environment),
    [operation, api.securitySchemes, environment],
  );
  if (warnings.length === 0) return null;
  return (
    <div className="try-it__warnings" role="status">
      {warnings.map((w) => (
        <p key={w.kind} className="try-it__warning">
          <span className="try-it__warning-text">{w.message}</span>{' '}
          {w.kind === 'missing-credentials' &&
            w.schemes.map((s) => (
              <button
                key={s.id}
                type="button"
                className="button button--small"
                onClick={() => document.getElementById(`${idPrefix}-cred-${s.id}`)?.focus()}
              >
                Enter the {schemeLabel(s)}
              </button>
            ))}
        </p>
      ))}
      <p className="try-it__warning-note muted">
        Keys and addresses of environments are kept in <a href="#/settings">Settings</a>. You can
        still send, for example to see the error.
      </p>
    </div>
  );
}
