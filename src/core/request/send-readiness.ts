/**
 * What is missing before a send can work, said beside Send rather than after the server
 * answered 401 or "Server unreachable". The user can still send on purpose.
 */
import type { ApiOperation, SecurityScheme } from '../definition/api-model';
import { schemeLabel } from '../definition/security-scheme-text';

export type SendWarning =
  | { kind: 'missing-credentials'; schemes: SecurityScheme[]; message: string }
  | { kind: 'placeholder-url'; placeholder: string; message: string };

// Words a config ships for the deployer to replace: YOUR-APIM-NAME, <account>, {host}...
const PLACEHOLDER = /YOUR[-_][A-Z0-9_-]+|<[^>]+>|%3C[^%]+%3E|\{[^}]+\}/i;

/** The placeholder left in a base URL, if any. */
export function baseUrlPlaceholder(baseUrl: string): string | undefined {
  return PLACEHOLDER.exec(baseUrl)?.[0];
}

const APIM_KEY_HEADER = 'ocp-apim-subscription-key';

function isApimGateway(baseUrl: string): boolean {
  try {
    return new URL(baseUrl).hostname.endsWith('.azure-api.net');
  } catch {
    return false;
  }
}

function listOf(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * The credentials the operation needs that the environment lacks: the requirement alternative
 * missing the fewest. Behind an APIM gateway the subscription key counts as required even where
 * the definition also allows calling the backend without it.
 */
export function missingCredentials(
  operation: Pick<ApiOperation, 'security'>,
  schemes: Record<string, SecurityScheme>,
  credentials: Record<string, string>,
  baseUrl: string,
): SecurityScheme[] {
  if (operation.security.length === 0) return [];
  const apim = isApimGateway(baseUrl);
  const apimSchemeIds = Object.values(schemes)
    .filter((s) => s.type === 'apiKey' && s.name.toLowerCase() === APIM_KEY_HEADER)
    .map((s) => s.id);
  const usedApim = operation.security.some((alt) => alt.some((id) => apimSchemeIds.includes(id)));
  let best: string[] | undefined;
  for (const alternative of operation.security) {
    const needed =
      apim && usedApim ? [...new Set([...alternative, ...apimSchemeIds])] : alternative;
    const missing = needed.filter((id) => (credentials[id] ?? '').trim() === '');
    if (best === undefined || missing.length < best.length) best = missing;
  }
  return (best ?? []).flatMap((id) => (schemes[id] ? [schemes[id]] : []));
}

export function sendWarnings(
  operation: Pick<ApiOperation, 'security'>,
  schemes: Record<string, SecurityScheme>,
  environment: { name: string; baseUrl: string; credentials: Record<string, string> },
): SendWarning[] {
  const warnings: SendWarning[] = [];
  const placeholder = baseUrlPlaceholder(environment.baseUrl);
  if (placeholder) {
    warnings.push({
      kind: 'placeholder-url',
      placeholder,
      message: `The base URL of “${environment.name}” still has the placeholder ${placeholder}: put in your own address in Settings, or the request cannot reach a server.`,
    });
  }
  const missing = missingCredentials(
    operation,
    schemes,
    environment.credentials,
    environment.baseUrl,
  );
  if (missing.length > 0) {
    const names = listOf(missing.map((s) => schemeLabel(s)));
    warnings.push({
      kind: 'missing-credentials',
      schemes: missing,
      message: `“${environment.name}” has no ${names}: the service will answer 401 without ${missing.length > 1 ? 'them' : 'it'}.`,
    });
  }
  return warnings;
}
