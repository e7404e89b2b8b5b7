/**
 * A 401 or 403 said in the user's terms: which credential of which environment was refused (or
 * missing), by whom (Azure ML or API Management), and where to put a better one. Read from the
 * response's status, its error body and API Management's WWW-Authenticate header.
 */
import type { SecurityScheme } from '../definition/api-model';
import { schemeLabel } from '../definition/security-scheme-text';
import { isApimKeyScheme, listOf } from '../request/send-readiness';
import { endSentence } from '../response/response-error-summary';
import { headerValue } from '../util/header-lookup';
import type { CredentialRefusal } from './credential-refused-error';

export interface RefusedResponse {
  status: number;
  headers: Array<[string, string]>;
  body: Uint8Array;
}

export interface RefusalContext {
  /** The schemes the operation can send. */
  schemes: readonly SecurityScheme[];
  environment: { name: string; credentials: Record<string, string>; apim?: unknown };
}

/** Error bodies are small; anything larger is not one of these. */
const MAX_ERROR_BODY = 64 * 1024;

function jsonOf(body: Uint8Array): unknown {
  if (body.byteLength === 0 || body.byteLength > MAX_ERROR_BODY) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(body)) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** "the Authorization bearer key", "the Ocp-Apim-Subscription-Key": where the credential travels. */
export function credentialName(scheme: SecurityScheme): string {
  if (scheme.type === 'http') {
    const kind = scheme.scheme.toLowerCase();
    if (kind === 'bearer') return 'the Authorization bearer key';
    if (kind === 'basic') return 'the Authorization basic credentials';
  }
  if (scheme.type === 'apiKey') {
    if (scheme.in === 'header') return `the ${scheme.name}`;
    return `the ${scheme.name} ${scheme.in === 'query' ? 'query parameter' : 'cookie'}`;
  }
  return `the ${schemeLabel(scheme)}`;
}

/** Azure ML's `{ error: { code, message, details } }`, as "ScoreRequestUnauthorized: Invalid credentials provided". */
function azureMlReason(body: unknown): { code: string; text: string } | undefined {
  if (!isRecord(body) || !isRecord(body.error)) return undefined;
  const { code, message, details } = body.error;
  if (typeof code !== 'string') return undefined;
  const detail = Array.isArray(details) ? details.find(isRecord) : undefined;
  const detailText =
    detail && typeof detail.code === 'string'
      ? `${detail.code}${typeof detail.message === 'string' ? `: ${detail.message}` : ''}`
      : undefined;
  return {
    code,
    text: detailText ?? (typeof message === 'string' ? `${code}: ${message}` : code),
  };
}

/** API Management's own refusal: `{ statusCode, message }` or its WWW-Authenticate challenge. */
function apimReason(body: unknown, challenge: string | undefined): string | undefined {
  if (isRecord(body) && typeof body.statusCode === 'number' && typeof body.message === 'string') {
    return body.message;
  }
  return challenge?.startsWith('AzureApiManagementKey') ? '' : undefined;
}

/** Says what a 401 or 403 means for the user's credentials; undefined for any other response. */
export function credentialRefusal(
  response: RefusedResponse,
  { schemes, environment }: RefusalContext,
): CredentialRefusal | undefined {
  const { status } = response;
  if (status !== 401 && status !== 403) return undefined;
  const body = jsonOf(response.body);
  const env = `environment “${environment.name}”`;
  const has = (s: SecurityScheme) => (environment.credentials[s.id] ?? '').trim() !== '';
  const where = (involved: SecurityScheme[], keysPage: boolean) => {
    const fields = listOf(involved.map((s) => schemeLabel(s)));
    const field = involved.length > 1 ? 'their fields' : 'its field';
    const keys = keysPage ? ', or take one from Subscriptions and keys' : '';
    return `Enter the right ${fields} in ${field} above or in Settings under “${environment.name}”${keys}.`;
  };

  const apimKey = schemes.find(isApimKeyScheme);
  const apimSaid = apimReason(body, headerValue(response.headers, 'www-authenticate') ?? undefined);
  if (apimSaid !== undefined && apimKey) {
    const keysPage = environment.apim !== undefined;
    const name = credentialName(apimKey);
    const said = apimSaid ? ` (“${endSentence(apimSaid)}”)` : '';
    if (status === 403) {
      return {
        status,
        by: 'apim',
        schemes: [apimKey],
        subscriptionKeys: keysPage,
        title: 'API Management refused the call (403)',
        message: `API Management refused ${name} of ${env}${said}.`,
        hint: /quota/i.test(apimSaid)
          ? `Its subscription has used its call quota: wait until it is replenished, or use a key of another subscription${keysPage ? ' (Subscriptions and keys)' : ''}.`
          : where([apimKey], keysPage),
      };
    }
    const missing = !has(apimKey) || /missing/i.test(apimSaid);
    return {
      status,
      by: 'apim',
      schemes: [apimKey],
      subscriptionKeys: keysPage,
      title: missing ? 'Subscription key missing (401)' : 'Subscription key refused (401)',
      message: missing
        ? `API Management wants ${name}, and ${env} has none${said}.`
        : `API Management refused ${name} of ${env}: it is not a valid key of an active subscription${said}.`,
      hint: where([apimKey], keysPage),
    };
  }

  const azure = azureMlReason(body);
  const bearer = schemes.find((s) => s.type === 'http' && s.scheme.toLowerCase() === 'bearer');
  if (azure && bearer && (azure.code === 'Unauthorized' || azure.code === 'Forbidden')) {
    const name = credentialName(bearer);
    return {
      status,
      by: 'azureml',
      schemes: [bearer],
      subscriptionKeys: false,
      title: has(bearer)
        ? `Azure ML refused the key (${status})`
        : `Azure ML key missing (${status})`,
      message: has(bearer)
        ? `Azure ML refused ${name} of ${env} (${endSentence(azure.text)})`
        : `Azure ML wants ${name}, and ${env} has none (${endSentence(azure.text)})`,
      hint: where([bearer], false),
    };
  }

  // Someone else refused: name every credential the environment sent or lacks for this call.
  if (schemes.length === 0) return undefined;
  const involved = [...schemes];
  const keysPage = environment.apim !== undefined && involved.some(isApimKeyScheme);
  const sent = involved.filter(has);
  const lacking = involved.filter((s) => !has(s));
  const parts = [
    sent.length > 0 ? `did not accept ${listOf(sent.map(credentialName))} of ${env}` : '',
    lacking.length > 0
      ? `${sent.length > 0 ? 'and ' : ''}${env} has no ${listOf(lacking.map(credentialName)).replace(/\bthe /g, '')}`
      : '',
  ].filter(Boolean);
  return {
    status,
    by: 'service',
    schemes: involved,
    subscriptionKeys: keysPage,
    title: status === 401 ? 'Not authorised (401)' : 'Not allowed (403)',
    message: `The service ${parts.join(' ')}.`,
    hint: where(involved, keysPage),
  };
}
