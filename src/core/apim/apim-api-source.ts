import { validateBaseUrl } from '../config/environment-validation';
import type { ApimApiSource } from '../config/portal-config';
import { isArmManagementUrl } from './arm-token-store';

type Obj = Record<string, unknown>;

const SHAPE =
  'must be an object such as { "kind": "apim", "managementUrl": "...", "gatewayUrl": "...", "environmentTemplate": "<environment id>" }';

/**
 * Checks the config's `apiSource`; `fail(field, problem)` throws the config's own error so the
 * message names the file and the field. `environmentIds` are the config's environments.
 */
export function parseApimApiSource(
  raw: unknown,
  at: string,
  environmentIds: ReadonlySet<string>,
  fail: (field: string, problem: string) => never,
): ApimApiSource {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail(at, SHAPE);
  const entry = raw as Obj;
  if (entry.kind !== 'apim') fail(`${at}.kind`, 'must be "apim" (the only source there is)');
  const url = (field: 'managementUrl' | 'gatewayUrl'): string => {
    const value = entry[field];
    if (typeof value !== 'string' || value.trim() === '')
      return fail(`${at}.${field}`, 'must be a non-empty string');
    const problem = validateBaseUrl(value);
    if (problem) fail(`${at}.${field}`, `is not usable: ${problem}`);
    return value.trim().replace(/\/+$/, '');
  };
  const managementUrl = url('managementUrl');
  const gatewayUrl = url('gatewayUrl');
  const template = entry.environmentTemplate;
  if (typeof template !== 'string' || template === '')
    fail(
      `${at}.environmentTemplate`,
      "must name an environment (its id) for the APIs' environments to copy",
    );
  if (!environmentIds.has(template))
    fail(
      `${at}.environmentTemplate`,
      `names "${template}", which is not one of the environments' ids`,
    );
  const source: ApimApiSource = {
    kind: 'apim',
    managementUrl,
    gatewayUrl,
    environmentTemplate: template,
  };
  if (typeof entry.demoAdminKey === 'string' && entry.demoAdminKey !== '') {
    if (isArmManagementUrl(managementUrl))
      fail(
        `${at}.demoAdminKey`,
        'is for the local demo gateway only: Azure Resource Manager takes a token the user pastes',
      );
    source.demoAdminKey = entry.demoAdminKey;
  }
  return source;
}
