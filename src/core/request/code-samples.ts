import type { HttpHeader, HttpRequest } from './http-request';
import {
  isSensitiveHeaderName,
  looksLikeCredentialName,
  redactSecretsInText,
  WELL_KNOWN_SECRET_QUERY,
} from './redact-request';
import { rHttrSample } from './r-httr-sample';
import {
  csharpConsumeSample,
  pythonConsumeSample,
  rConsumeSample,
} from './azureml-consume-samples';
import type { CodeLanguage } from './code-sample-tokens';

export type SnippetTarget =
  | 'curl'
  | 'javascript-fetch'
  | 'python-requests'
  | 'csharp-httpclient'
  | 'powershell'
  | 'r-httr'
  | 'python-azureml'
  | 'csharp-azureml'
  | 'r-azureml';

export interface SnippetTargetInfo {
  id: SnippetTarget;
  label: string;
  language: CodeLanguage;
  /** Azure ML studio's "Consume" shape: offered for an online endpoint's scoring call only. */
  azureml?: true;
}

export const SNIPPET_TARGETS: readonly SnippetTargetInfo[] = [
  { id: 'curl', label: 'cURL', language: 'shell' },
  { id: 'javascript-fetch', label: 'JavaScript (fetch)', language: 'javascript' },
  { id: 'python-requests', label: 'Python (requests)', language: 'python' },
  { id: 'csharp-httpclient', label: 'C# (HttpClient)', language: 'csharp' },
  { id: 'powershell', label: 'PowerShell', language: 'powershell' },
  { id: 'r-httr', label: 'R (httr)', language: 'r' },
  {
    id: 'python-azureml',
    label: 'Python (urllib, Azure ML Consume)',
    language: 'python',
    azureml: true,
  },
  {
    id: 'csharp-azureml',
    label: 'C# (HttpClient, Azure ML Consume)',
    language: 'csharp',
    azureml: true,
  },
  { id: 'r-azureml', label: 'R (httr, Azure ML Consume)', language: 'r', azureml: true },
];

/**
 * The languages offered for this request: the Consume-tab samples join the rest when it is an
 * Azure ML online endpoint's scoring call (a POST to `.../score`, directly or through a gateway).
 */
export function snippetTargetsFor(
  request: Pick<HttpRequest, 'method' | 'url'>,
): SnippetTargetInfo[] {
  const path = request.url.split(/[?#]/)[0] ?? '';
  const scoring = request.method === 'POST' && /\/score\/?$/i.test(path);
  return SNIPPET_TARGETS.filter((t) => scoring || !t.azureml);
}

type HandWritten = 'r-httr' | 'python-azureml' | 'csharp-azureml' | 'r-azureml';

const HAND_WRITTEN: Record<
  HandWritten,
  (request: HttpRequest, name: (source: string) => string, reveal: boolean) => string
> = {
  'r-httr': rHttrSample,
  'python-azureml': pythonConsumeSample,
  'csharp-azureml': csharpConsumeSample,
  'r-azureml': rConsumeSample,
};

const HTTPSNIPPET_IDS: Record<Exclude<SnippetTarget, HandWritten>, [string, string]> = {
  curl: ['shell', 'curl'],
  'javascript-fetch': ['javascript', 'fetch'],
  'python-requests': ['python', 'requests'],
  'csharp-httpclient': ['csharp', 'httpclient'],
  powershell: ['powershell', 'webrequest'],
};

export interface SnippetOptions {
  /** Put the real credentials in the sample. Off by default: samples get copied and shared. */
  revealSecrets?: boolean;
}

/** "azureml" -> AZUREML_API_KEY, "apimSubscriptionKey" -> APIM_SUBSCRIPTION_KEY. */
export function placeholderName(source: string): string {
  const snake = source
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  const base = snake === '' ? 'SECRET' : /^\d/.test(snake) ? `X_${snake}` : snake;
  return /(KEY|TOKEN|SECRET|PASSWORD|SIG)$/.test(base) ? base : `${base}_API_KEY`;
}

interface Secret {
  sentinel: string;
  value: string;
  name: string;
}

/**
 * Secrets are swapped for inert sentinel words before the library sees the request (so no
 * quoting or URL encoding can mangle them), then each target's own placeholder goes in:
 * an environment variable in shells, a "<your-...>" marker elsewhere.
 */
function withSentinels(
  request: HttpRequest,
  reveal: boolean,
): { request: HttpRequest; secrets: Secret[] } {
  if (reveal) return { request, secrets: [] };
  const secrets: Secret[] = [];
  const sentinelFor = (value: string, name: string): string => {
    const sentinel = `PORTICOSECRET${secrets.length}X`;
    secrets.push({ sentinel, value, name });
    return sentinel;
  };
  const headers = request.headers.map((header): HttpHeader => {
    if (!header.secret && !(header.value !== '' && isSensitiveHeaderName(header.name)))
      return header;
    const scheme = /^(Bearer|Basic|Digest|Token)\s+/i.exec(header.value);
    const prefix = scheme ? scheme[0] : '';
    const name = placeholderName(header.schemeId ?? header.name);
    return { ...header, value: prefix + sentinelFor(header.value.slice(prefix.length), name) };
  });
  let url = request.url;
  const secretQuery = new Set(
    [...(request.secretQuery ?? []), ...WELL_KNOWN_SECRET_QUERY].map((n) => n.toLowerCase()),
  );
  if (secretQuery.size > 0) {
    const parsed = splitUrl(url);
    url =
      parsed.base +
      (parsed.pairs.length > 0
        ? `?${parsed.pairs
            .map(([rawName, rawValue]) =>
              (secretQuery.has(safeDecode(rawName).toLowerCase()) ||
                looksLikeCredentialName(safeDecode(rawName))) &&
              rawValue !== undefined
                ? `${rawName}=${sentinelFor(safeDecode(rawValue), placeholderName(safeDecode(rawName)))}`
                : rawValue === undefined
                  ? rawName
                  : `${rawName}=${redactSecretsInText(rawValue)}`,
            )
            .join('&')}`
        : '');
  }
  const body = request.body === undefined ? {} : { body: redactSecretsInText(request.body) };
  return { request: { ...request, headers, url, ...body }, secrets };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

function splitUrl(url: string): { base: string; pairs: Array<[string, string | undefined]> } {
  const hash = url.indexOf('#');
  const withoutHash = hash === -1 ? url : url.slice(0, hash);
  const q = withoutHash.indexOf('?');
  if (q === -1) return { base: withoutHash, pairs: [] };
  const pairs = withoutHash
    .slice(q + 1)
    .split('&')
    .filter((p) => p !== '')
    .map((pair): [string, string | undefined] => {
      const eq = pair.indexOf('=');
      return eq === -1 ? [pair, undefined] : [pair.slice(0, eq), pair.slice(eq + 1)];
    });
  return { base: withoutHash.slice(0, q), pairs };
}

/** The HAR request httpsnippet reads; the query goes separately so repeated names survive. */
function toHar(request: HttpRequest) {
  const { base, pairs } = splitUrl(request.url);
  const contentType = request.headers.find((h) => h.name.toLowerCase() === 'content-type')?.value;
  return {
    method: request.method,
    url: base,
    httpVersion: 'HTTP/1.1',
    headers: request.headers.map((h) => ({ name: h.name, value: h.value })),
    queryString: pairs.map(([name, value]) => ({
      name: safeDecode(name),
      value: safeDecode(value ?? ''),
    })),
    cookies: [],
    headersSize: -1,
    bodySize: -1,
    ...(request.body !== undefined
      ? { postData: { mimeType: contentType ?? 'application/octet-stream', text: request.body } }
      : {}),
  };
}

function shellPlaceholders(code: string, secrets: Secret[]): string {
  let result = code;
  for (const secret of secrets) {
    // Inside single quotes a variable does not expand: close the quotes around it.
    result = result.split(secret.sentinel).join(`'"$${secret.name}"'`);
  }
  return result
    .replace(/'"\$([A-Z0-9_]+)"''(?=\s|$)/g, '"$$$1"')
    .replace(/'([^'"\\$`!]*)"\$([A-Z0-9_]+)"(?=\s|$)/g, '\'$1\'"$$$2"')
    .replace(/'([^'"\\$`!]*)'"\$([A-Z0-9_]+)"(?=\s|$)/g, '"$1$$$2"');
}

/** Each variable once, in the order the sample first uses it. */
function variableNames(code: string, secrets: Secret[], usage: (name: string) => string): string[] {
  const names = [...new Set(secrets.map((s) => s.name))];
  return names
    .map((name) => ({ name, at: code.indexOf(usage(name)) }))
    .filter(({ at }) => at !== -1)
    .sort((a, b) => a.at - b.at)
    .map(({ name }) => name);
}

/**
 * Lines that set the variables a sample reads its keys from, with a marker where the key goes:
 * the sample names what to set, and still holds no secret.
 */
function withVariableLines(code: string, names: string[], line: (name: string) => string): string {
  if (names.length === 0) return code;
  return [
    '# Set your keys first: the sample reads them from these variables.',
    ...names.map(line),
    '',
    code,
  ].join('\n');
}

/** How a language reads an environment variable, and writes a comment and a string. */
interface EnvReading {
  read: (name: string) => string;
  comment: string;
  quote: '"' | "'";
  /** Lines the sample needs first to read the environment (Python's `import os`). */
  preamble?: string;
}

const ENV_READING: Partial<Record<SnippetTarget, EnvReading>> = {
  'python-requests': {
    read: (n) => `os.environ["${n}"]`,
    comment: '#',
    quote: '"',
    preamble: 'import os',
  },
  'javascript-fetch': { read: (n) => `process.env.${n}`, comment: '//', quote: "'" },
  'csharp-httpclient': {
    read: (n) => `Environment.GetEnvironmentVariable("${n}")`,
    comment: '//',
    quote: '"',
  },
};

/**
 * Every string literal that holds a sentinel becomes a concatenation that reads the key from
 * the environment ("Bearer " + os.environ["AZUREML_API_KEY"]), so the sample runs as it is
 * once the variables are set, as the curl sample does. The literals httpsnippet writes for
 * these targets are single-line, with backslash escapes only.
 */
function environmentPlaceholders(code: string, secrets: Secret[], reading: EnvReading): string {
  if (secrets.length === 0) return code;
  const q = reading.quote;
  const literal = new RegExp(`${q}((?:[^${q}\\\n]|\\.)*)${q}`, 'g');
  const sentinel = /PORTICOSECRET\d+X/g;
  const byName = new Map(secrets.map((secret) => [secret.sentinel, secret.name]));
  const used: string[] = [];
  const replaced = code.replace(literal, (whole, inner: string) => {
    if (!sentinel.test(inner)) return whole;
    sentinel.lastIndex = 0;
    const parts: string[] = [];
    let at = 0;
    for (const match of inner.matchAll(sentinel)) {
      const name = byName.get(match[0]);
      if (name === undefined) continue;
      if (match.index > at) parts.push(`${q}${inner.slice(at, match.index)}${q}`);
      parts.push(reading.read(name));
      if (!used.includes(name)) used.push(name);
      at = match.index + match[0].length;
    }
    if (at < inner.length) parts.push(`${q}${inner.slice(at)}${q}`);
    return parts.join(' + ');
  });
  if (used.length === 0) return replaceSentinels(replaced, secrets, marker);
  const c = reading.comment;
  return [
    `${c} Set your keys first: the sample reads them from these environment variables:`,
    `${c} ${used.join(', ')}`,
    ...(reading.preamble ? [reading.preamble] : []),
    replaceSentinels(replaced, secrets, marker),
  ].join('\n');
}

function marker(secret: Secret): string {
  return markerFor(secret.name);
}

/** AZUREML_API_KEY -> <azureml-api-key>: where the user's own key goes. */
function markerFor(name: string): string {
  return `<${name.toLowerCase().replace(/_/g, '-')}>`;
}

/** $env: variables expand in PowerShell's double-quoted strings only; single-quoted get a marker. */
function powershellPlaceholders(code: string, secrets: Secret[]): string {
  return code
    .split('\n')
    .map((line) => {
      let result = line;
      for (const secret of secrets) {
        let at = result.indexOf(secret.sentinel);
        while (at !== -1) {
          const singleQuoted = (result.slice(0, at).match(/'/g)?.length ?? 0) % 2 === 1;
          const replacement = singleQuoted ? marker(secret) : `$env:${secret.name}`;
          result = result.slice(0, at) + replacement + result.slice(at + secret.sentinel.length);
          at = result.indexOf(secret.sentinel, at + replacement.length);
        }
      }
      return result;
    })
    .join('\n');
}

function replaceSentinels(
  code: string,
  secrets: Secret[],
  placeholder: (secret: Secret) => string,
): string {
  let result = code;
  for (const secret of secrets) result = result.split(secret.sentinel).join(placeholder(secret));
  return result;
}

/**
 * A code sample that makes exactly this request, in the chosen language (httpsnippet-lite,
 * loaded on first use). Credentials are placeholders unless revealSecrets is set.
 */
export async function generateSnippet(
  request: HttpRequest,
  target: SnippetTarget,
  options: SnippetOptions = {},
): Promise<string> {
  if (isHandWritten(target)) {
    return HAND_WRITTEN[target](request, placeholderName, options.revealSecrets === true);
  }
  const { HTTPSnippet } = await import('httpsnippet-lite');
  const prepared = withSentinels(request, options.revealSecrets === true);
  const [targetId, clientId] = HTTPSNIPPET_IDS[target];
  const snippet = new HTTPSnippet(toHar(prepared.request));
  const output = await snippet.convert(targetId as never, clientId);
  const code = Array.isArray(output) ? output.join('\n\n') : (output ?? '');
  if (target === 'curl') {
    const shell = shellPlaceholders(code, prepared.secrets);
    const names = variableNames(shell, prepared.secrets, (name) => `$${name}`);
    return withVariableLines(shell, names, (name) => `export ${name}='${markerFor(name)}'`);
  }
  if (target === 'powershell') {
    const ps = powershellPlaceholders(code, prepared.secrets);
    const names = variableNames(ps, prepared.secrets, (name) => `$env:${name}`);
    return withVariableLines(ps, names, (name) => `$env:${name} = '${markerFor(name)}'`);
  }
  const reading = ENV_READING[target];
  if (reading) return environmentPlaceholders(code, prepared.secrets, reading);
  return replaceSentinels(code, prepared.secrets, marker);
}

function isHandWritten(target: SnippetTarget): target is HandWritten {
  return Object.hasOwn(HAND_WRITTEN, target);
}
