/**
 * What is missing before a send can work, said beside Send rather than after the server
 * answered 401 or "Server unreachable". The user can still send on purpose.
 */
import type { ApiOperation, SecurityScheme } from '../definition/api-model';
import { schemeLabel } from '../definition/security-scheme-text';
import { baseUrlPlaceholder } from './base-url-placeholder';

export type SendWarning =
  | {
      kind: 'missing-credentials';
      schemes: SecurityScheme[];
      message: string;
      /** Among them, the API Management subscription key: its keys page can provide one. */
      apimKey?: SecurityScheme;
    }
  | { kind: 'placeholder-url'; placeholder: string; message: string };

/** API Management's subscription key: its header, or the query parameter read without one. */
export function isApimKeyScheme(scheme: SecurityScheme): boolean {
  if (scheme.type !== 'apiKey') return false;
  const name = scheme.name.toLowerCase();
  return (
    (scheme.in === 'header' && name === 'ocp-apim-subscription-key') ||
    (scheme.in === 'query' && name === 'subscription-key')
  );
}

/** The parts of an environment that decide what a send needs. */
export interface ReadinessEnvironment {
  name: string;
  baseUrl: string;
  credentials: Record<string, string>;
  /** Present when API Management is in front (the config's `apim` block), whatever its host. */
  apim?: unknown;
}

/** "a", "a and b", "a, b and c". */
export function listOf(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * The credentials the operation needs that the environment lacks: the requirement alternative
 * missing the fewest. Behind API Management (an environment with an `apim` block, the local
 * gateway too, not only `*.azure-api.net`) the subscription key counts as required even where
 * the definition also allows calling the backend without it.
 */
export function missingCredentials(
  operation: Pick<ApiOperation, 'security'>,
  schemes: Record<string, SecurityScheme>,
  credentials: Record<string, string>,
  behindApim: boolean,
): SecurityScheme[] {
  if (operation.security.length === 0) return [];
  const apim = behindApim;
  const apimSchemeIds = Object.values(schemes)
    .filter(isApimKeyScheme)
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
  environment: ReadinessEnvironment,
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
    environment.apim !== undefined,
  );
  if (missing.length > 0) {
    const names = listOf(missing.map((s) => schemeLabel(s)));
    const apimKey = environment.apim !== undefined ? missing.find(isApimKeyScheme) : undefined;
    warnings.push({
      kind: 'missing-credentials',
      schemes: missing,
      ...(apimKey ? { apimKey } : {}),
      message: `“${environment.name}” has no ${names}: the service will answer 401 without ${missing.length > 1 ? 'them' : 'it'}.`,
    });
  }
  return warnings;
}
