import type { ApiDefinitionHead, ApiOperation, SecurityScheme } from './api-model';

/** The schemes an operation may use, each once, in the order its requirements name them. */
export function operationSchemes(
  api: Pick<ApiDefinitionHead, 'securitySchemes'>,
  operation: ApiOperation,
): SecurityScheme[] {
  const ids = [...new Set(operation.security.flat())];
  return ids.flatMap((id) => {
    const s = api.securitySchemes[id];
    return s ? [s] : [];
  });
}

/** The credential field's label: the definition's own words first, since they name the key. */
export function schemeLabel(scheme: SecurityScheme): string {
  if (scheme.description) return scheme.description;
  if (scheme.type === 'apiKey') return scheme.name;
  if (scheme.type === 'http') return scheme.scheme === 'bearer' ? 'Bearer token' : 'Credentials';
  return scheme.id;
}

/** Where the credential ends up on the wire, so the user knows what the field is for. */
export function schemeHint(scheme: SecurityScheme): string {
  if (scheme.type === 'http' && scheme.scheme.toLowerCase() === 'bearer')
    return 'Sent as Authorization: Bearer <key>';
  if (scheme.type === 'http' && scheme.scheme.toLowerCase() === 'basic')
    return 'Sent as Authorization: Basic (user:password)';
  if (scheme.type === 'apiKey') return `Sent in the ${scheme.in} ${scheme.name}`;
  return '';
}
