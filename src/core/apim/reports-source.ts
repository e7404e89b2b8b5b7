import type { Environment } from '../config/portal-config';
import { ARM_API_VERSION, isArmManagementUrl } from './arm-token-store';

/**
 * Where the Usage view reads reports and with which credential. The secret is in `headers`
 * only: it never enters a URL, a query key or history.
 */
export interface ReportsSource {
  /** Identifies the source in query keys; no secret in it. */
  id: string;
  /** `.../reports`, without a query. */
  reportsUrl: string;
  headers: Record<string, string>;
  /** Real Azure Resource Manager wants api-version; the local gateway ignores it. */
  apiVersion?: string;
  /** Whose calls this source shows. */
  scope: 'subscription' | 'everything';
  /** Real APIM wants byTime intervals in multiples of PT15M. */
  intervalStepMs: number;
}

/** The consumer's own usage: the local gateway's developer reports with the environment's key. */
export function developerSource(environment: Environment): ReportsSource | undefined {
  const apim = environment.apim;
  const key = environment.credentials.apimSubscriptionKey;
  if (!apim?.local || !apim.developerUrl || !key) return undefined;
  return {
    id: `developer:${apim.developerUrl}:${apim.subscriptionId ?? ''}`,
    reportsUrl: `${apim.developerUrl}/reports`,
    headers: { 'Ocp-Apim-Subscription-Key': key },
    scope: 'subscription',
    intervalStepMs: 60_000,
  };
}

/** Everything, in the local demo: the management reports with the demo config's admin key. */
export function localPublisherSource(environment: Environment): ReportsSource | undefined {
  const apim = environment.apim;
  if (!apim?.local || !apim.managementUrl || !apim.demoAdminKey) return undefined;
  return {
    id: `management:${apim.managementUrl}`,
    reportsUrl: `${apim.managementUrl}/reports`,
    headers: { Authorization: `Bearer ${apim.demoAdminKey}` },
    scope: 'everything',
    intervalStepMs: 60_000,
  };
}

/**
 * A management root read with a bearer token the user pasted: a real APIM through Azure
 * Resource Manager (`az account get-access-token`), or the local gateway's ARM path.
 */
export function bearerSource(managementUrl: string, token: string): ReportsSource {
  const root = managementUrl.replace(/\/+$/, '');
  const arm = isArmManagementUrl(root);
  return {
    id: `bearer:${root}`,
    reportsUrl: `${root}/reports`,
    headers: { Authorization: `Bearer ${token.trim().replace(/^Bearer\s+/i, '')}` },
    apiVersion: ARM_API_VERSION,
    scope: 'everything',
    intervalStepMs: arm ? 15 * 60_000 : 60_000,
  };
}
