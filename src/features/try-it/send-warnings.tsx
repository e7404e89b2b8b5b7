import { useMemo } from 'react';
import type { ApiDefinitionHead, ApiOperation } from '../../core/definition/api-model';
import type { Environment } from '../../core/config/portal-config';
import { sendWarnings } from '../../core/request/send-readiness';
import { CredentialLinkList, type CredentialLinks } from './credential-guidance';

export interface SendWarningsProps extends CredentialLinks {
  api: ApiDefinitionHead;
  operation: ApiOperation;
  environment: Environment;
}

/** Beside Send: what will make this request fail, and where to fix it. Sending stays possible. */
export function SendWarnings({ api, operation, environment, ...links }: SendWarningsProps) {
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
          {w.kind === 'missing-credentials' && (
            <CredentialLinkList
              schemes={w.schemes}
              idPrefix={links.idPrefix}
              settingsHref={undefined}
              subscriptionsHref={w.apimKey ? links.subscriptionsHref : undefined}
            />
          )}
        </p>
      ))}
      <p className="try-it__warning-note muted">
        Keys and addresses of environments are kept in <a href={links.settingsHref}>Settings</a>.
        You can still send, for example to see the error.
      </p>
    </div>
  );
}
