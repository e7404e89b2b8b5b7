import { isArmManagementUrl } from '../apim/arm-token-store';
import type { Environment } from '../config/portal-config';
import type { ManagementTarget } from './management-request';

/**
 * Whether, and as whom, the portal may publish in an environment: the local gateway's
 * management API with the demo config's admin key (served by the dev stack, never built in),
 * or a real APIM's Azure Resource Manager root with the ARM token pasted in this tab. A
 * consumer's environment has neither and never sees the Publish area.
 */
export type PublishAccessOf =
  | { kind: 'ready'; target: ManagementTarget }
  | { kind: 'needs-token'; managementUrl: string }
  | { kind: 'none' };

export function publishAccessOf(
  environment: Environment | undefined,
  armToken: (managementUrl: string) => string,
): PublishAccessOf {
  const apim = environment?.apim;
  const managementUrl = apim?.managementUrl?.replace(/\/+$/, '');
  if (!apim || !managementUrl) return { kind: 'none' };
  if (apim.local && apim.demoAdminKey)
    return {
      kind: 'ready',
      target: {
        id: `local:${managementUrl}`,
        managementUrl,
        token: apim.demoAdminKey,
        kind: 'local',
      },
    };
  if (!apim.local && isArmManagementUrl(managementUrl)) {
    const token = armToken(managementUrl);
    return token
      ? { kind: 'ready', target: { id: `arm:${managementUrl}`, managementUrl, token, kind: 'arm' } }
      : { kind: 'needs-token', managementUrl };
  }
  return { kind: 'none' };
}

/**
 * The Publish area's access for the API open in the portal: its environment's, or, for an API
 * no environment of which goes through API Management (one added in Settings, not published
 * yet), the first environment of the portal that can publish, so "Publish this API" works. An
 * API that is behind API Management keeps its environment's answer: a consumer who chose an
 * environment without the credential sees nothing.
 */
export function publishAccessForApi(
  active: Environment | undefined,
  apiEnvironments: readonly Environment[],
  allEnvironments: readonly Environment[],
  armToken: (managementUrl: string) => string,
): PublishAccessOf {
  const own = publishAccessOf(active, armToken);
  if (own.kind !== 'none' || apiEnvironments.some((e) => e.apim)) return own;
  for (const environment of allEnvironments) {
    const access = publishAccessOf(environment, armToken);
    if (access.kind === 'ready') return access;
  }
  return own;
}
