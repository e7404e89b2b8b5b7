import { SECRET_MASK } from '../request/http-request';
import {
  looksLikeCredentialField,
  looksLikeCredentialName,
  redactSecretsInText,
} from '../request/redact-request';
import type { HttpResponse } from '../request/send-request';
import { classifyBody } from './response-content-type';
import { decodeBody } from './response-decode';

const TEXT_KINDS = new Set(['json', 'csv', 'html', 'xml', 'text']);

// A JSON member whose value is a non-empty string and whose name contains a credential word:
// name, separator, value. The words only narrow the search; looksLikeCredentialField decides.
const JSON_STRING_MEMBER =
  /"([^"\\\n]{0,100}(?:key|token|secret|passw|signature|sig|sas|auth|credential|cookie|pwd)[^"\\\n]{0,100})"(\s*:\s*)"((?:[^"\\\n]|\\.)+)"/gi;

// Matching members costs up to ~40 ms per MB (every row with a token); beyond this size only
// signatures and account keys are looked for (~4 ms per MB), so a 20 MB body still opens at once.
const MAX_MEMBER_SCAN = 2_000_000;

function maskText(text: string, json: boolean): string {
  const masked = redactSecretsInText(text);
  if (!json || text.length > MAX_MEMBER_SCAN) return masked;
  return masked.replace(JSON_STRING_MEMBER, (member, name: string, colon: string, value: string) =>
    value !== SECRET_MASK && looksLikeCredentialField(name)
      ? `"${name}"${colon}"${SECRET_MASK}"`
      : member,
  );
}

/**
 * The response as a raw view shows it before the user reveals secrets: SAS signatures and
 * storage account keys anywhere in a text body or a header, JSON string members named like
 * credentials ("primaryKey", "access_token", "SasBlobToken"), and credential-named headers
 * masked. Undefined when there is nothing to mask, so the view can say whether it masked.
 */
export function maskResponseSecrets(response: HttpResponse): HttpResponse | undefined {
  let changed = false;
  const headers = response.headers.map(([name, value]): [string, string] => {
    const shown =
      value !== '' && looksLikeCredentialName(name) ? SECRET_MASK : redactSecretsInText(value);
    if (shown !== value) changed = true;
    return [name, shown];
  });
  let body = response.body;
  const kind = classifyBody(response.contentType, response.body);
  if (TEXT_KINDS.has(kind)) {
    const text = decodeBody(response.body, response.contentType);
    const masked = maskText(text, kind === 'json');
    if (masked !== text) {
      changed = true;
      body = new TextEncoder().encode(masked);
    }
  }
  return changed ? { ...response, headers, body } : undefined;
}
