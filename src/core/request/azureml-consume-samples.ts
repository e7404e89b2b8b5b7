import type { HttpHeader, HttpRequest } from './http-request';
import {
  isSensitiveHeaderName,
  looksLikeCredentialName,
  redactSecretsInText,
  WELL_KNOWN_SECRET_QUERY,
} from './redact-request';
import { DEPLOYMENT_HEADER } from './azureml-deployment';

/**
 * Code samples in the shape of Azure ML studio's "Consume" tab for an online endpoint
 * (docs/reference/azureml-online-endpoints.md, section 6): the request data, the scoring URL,
 * the key checked before the call, Content-Type / Accept / Authorization: Bearer and, when
 * picked, azureml-model-deployment; the body printed on success, and on failure the status
 * code, the response headers and the body. Two differences on purpose: the key is read from an
 * environment variable (as every Portico sample does) instead of a string to paste into, and
 * the studio's "allow self-signed certificates" switch is left out: it turns off certificate
 * checks for every later call of the process.
 */

type PlaceholderName = (source: string) => string;

const DEPLOYMENT_COMMENT = [
  'The azureml-model-deployment header will force the request to go to a specific deployment.',
  'Remove this header to have the request observe the endpoint traffic rules',
];
const KEY_COMMENT =
  'Replace this with the primary/secondary key, AMLToken, or Microsoft Entra ID token for the endpoint';
const DATA_COMMENT = [
  'Request data goes here',
  'The example below assumes JSON formatting which may be updated',
  'depending on the format your endpoint expects.',
];

interface ConsumeParts {
  method: string;
  url: string;
  body: string | undefined;
  json: unknown;
  isJson: boolean;
  contentType: string | undefined;
  accept: string;
  /** The Bearer credential: its environment variable and (when revealed) its value. */
  key: { variable: string; value: string } | undefined;
  deployment: string | undefined;
  /** Every other header, secrets marked with their environment variable. */
  others: Array<{ name: string; value: string; variable?: string }>;
}

function isSecret(header: HttpHeader): boolean {
  return header.secret === true || (header.value !== '' && isSensitiveHeaderName(header.name));
}

function partsOf(
  request: HttpRequest,
  placeholderName: PlaceholderName,
  reveal: boolean,
): ConsumeParts {
  const lower = (h: HttpHeader): string => h.name.toLowerCase();
  const contentType = request.headers.find((h) => lower(h) === 'content-type')?.value;
  const accept = request.headers.find((h) => lower(h) === 'accept')?.value ?? 'application/json';
  const auth = request.headers.find(
    (h) => lower(h) === 'authorization' && /^Bearer\s+/i.test(h.value),
  );
  const deployment = request.headers.find((h) => lower(h) === DEPLOYMENT_HEADER)?.value;
  const others = request.headers
    .filter((h) => h !== auth && !['content-type', 'accept', DEPLOYMENT_HEADER].includes(lower(h)))
    .map((h) =>
      isSecret(h) && !reveal
        ? { name: h.name, value: h.value, variable: placeholderName(h.schemeId ?? h.name) }
        : { name: h.name, value: h.value },
    );
  const body =
    request.body === undefined
      ? undefined
      : reveal
        ? request.body
        : redactSecretsInText(request.body);
  let json: unknown;
  let isJson = false;
  if (body !== undefined) {
    try {
      json = JSON.parse(body);
      isJson = true;
    } catch {
      isJson = false;
    }
  }
  return {
    method: request.method,
    url: reveal ? request.url : withQueryMarkers(request, placeholderName),
    body,
    json,
    isJson,
    contentType,
    accept,
    key: auth
      ? {
          variable: placeholderName(auth.schemeId ?? auth.name),
          value: auth.value.replace(/^Bearer\s+/i, ''),
        }
      : undefined,
    deployment,
    others,
  };
}

/** Python with the standard library only (urllib.request), as the Consume tab gives it. */
export function pythonConsumeSample(
  request: HttpRequest,
  placeholderName: PlaceholderName,
  revealSecrets = false,
): string {
  const p = partsOf(request, placeholderName, revealSecrets);
  const lines = ['import json', 'import os', 'import urllib.request', ''];
  if (p.body !== undefined) {
    lines.push(...DATA_COMMENT.map((c) => `# ${c}`));
    if (p.isJson) {
      lines.push(`data = ${pythonLiteral(p.json, '')}`, '', 'body = str.encode(json.dumps(data))');
    } else {
      lines.push(`body = str.encode(${pyString(p.body)})`);
    }
    lines.push('');
  }
  lines.push(`url = ${pyString(p.url)}`);
  if (p.key) {
    lines.push(
      `# ${KEY_COMMENT}`,
      revealSecrets
        ? `api_key = ${pyString(p.key.value)}`
        : `api_key = os.environ.get(${pyString(p.key.variable)}, "")`,
      'if not api_key:',
      '    raise Exception("A key should be provided to invoke the endpoint")',
    );
  }
  lines.push('');
  if (p.deployment !== undefined) lines.push(...DEPLOYMENT_COMMENT.map((c) => `# ${c}`));
  const entries: string[] = [];
  if (p.contentType !== undefined) entries.push(`"Content-Type": ${pyString(p.contentType)}`);
  entries.push(`"Accept": ${pyString(p.accept)}`);
  if (p.key) entries.push('"Authorization": ("Bearer " + api_key)');
  if (p.deployment !== undefined)
    entries.push(`${pyString(DEPLOYMENT_HEADER)}: ${pyString(p.deployment)}`);
  for (const h of p.others) {
    entries.push(
      `${pyString(h.name)}: ${h.variable ? `os.environ[${pyString(h.variable)}]` : pyString(h.value)}`,
    );
  }
  lines.push('headers = {', ...entries.map((e) => `    ${e},`), '}', '');
  const method =
    p.method === (p.body !== undefined ? 'POST' : 'GET') ? '' : `, method=${pyString(p.method)}`;
  lines.push(
    p.body !== undefined
      ? `req = urllib.request.Request(url, body, headers${method})`
      : `req = urllib.request.Request(url, headers=headers${method})`,
    '',
    'try:',
    '    response = urllib.request.urlopen(req)',
    '',
    '    result = response.read()',
    '    print(result)',
    'except urllib.error.HTTPError as error:',
    '    print("The request failed with status code: " + str(error.code))',
    '',
    '    # Print the headers - they include the request ID and the timestamp, which are useful for debugging the failure',
    '    print(error.info())',
    '    print(error.read().decode("utf8", "ignore"))',
  );
  return lines.join('\n');
}

/** C# with HttpClient, in the Consume tab's Program / InvokeRequestResponseService shape. */
export function csharpConsumeSample(
  request: HttpRequest,
  placeholderName: PlaceholderName,
  revealSecrets = false,
): string {
  const p = partsOf(request, placeholderName, revealSecrets);
  const body: string[] = ['using (var client = new HttpClient())', '{'];
  const inner: string[] = [];
  if (p.body !== undefined) {
    inner.push(...DATA_COMMENT.map((c) => `// ${c}`));
    inner.push(`var requestBody = ${csVerbatim(p.body)};`, '');
  }
  if (p.key) {
    inner.push(
      `// ${KEY_COMMENT}`,
      revealSecrets
        ? `string apiKey = ${csString(p.key.value)};`
        : `string apiKey = Environment.GetEnvironmentVariable(${csString(p.key.variable)});`,
      'if (string.IsNullOrEmpty(apiKey))',
      '{',
      '    throw new Exception("A key should be provided to invoke the endpoint");',
      '}',
      'client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);',
    );
  }
  inner.push(
    `client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue(${csString(p.accept)}));`,
  );
  if (p.deployment !== undefined) {
    inner.push(
      ...DEPLOYMENT_COMMENT.map((c) => `// ${c}`),
      `client.DefaultRequestHeaders.Add(${csString(DEPLOYMENT_HEADER)}, ${csString(p.deployment)});`,
    );
  }
  for (const h of p.others) {
    const value = h.variable
      ? `Environment.GetEnvironmentVariable(${csString(h.variable)})`
      : csString(h.value);
    inner.push(`client.DefaultRequestHeaders.Add(${csString(h.name)}, ${value});`);
  }
  inner.push(`client.BaseAddress = new Uri(${csString(p.url)});`, '');
  if (p.body !== undefined) {
    inner.push(
      'var content = new StringContent(requestBody);',
      `content.Headers.ContentType = new MediaTypeHeaderValue(${csString(p.contentType ?? 'application/json')});`,
      '',
    );
  }
  inner.push(
    p.method === 'POST' && p.body !== undefined
      ? 'HttpResponseMessage response = await client.PostAsync("", content);'
      : `HttpResponseMessage response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(${csString(p.method)}), "")${p.body !== undefined ? ' { Content = content }' : ''});`,
    '',
    'if (response.IsSuccessStatusCode)',
    '{',
    '    string result = await response.Content.ReadAsStringAsync();',
    '    Console.WriteLine("Result: {0}", result);',
    '}',
    'else',
    '{',
    '    Console.WriteLine(string.Format("The request failed with status code: {0}", response.StatusCode));',
    '',
    '    // Print the headers - they include the request ID and the timestamp,',
    '    // which are useful for debugging the failure',
    '    Console.WriteLine(response.Headers.ToString());',
    '',
    '    string responseContent = await response.Content.ReadAsStringAsync();',
    '    Console.WriteLine(responseContent);',
    '}',
  );
  body.push(...inner.map((l) => (l === '' ? '' : `    ${l}`)), '}');
  return [
    'using System;',
    'using System.Net.Http;',
    'using System.Net.Http.Headers;',
    'using System.Threading.Tasks;',
    '',
    'namespace CallRequestResponseService',
    '{',
    '    class Program',
    '    {',
    '        static void Main(string[] args)',
    '        {',
    '            InvokeRequestResponseService().Wait();',
    '        }',
    '',
    '        static async Task InvokeRequestResponseService()',
    '        {',
    ...body.map((l) => (l === '' ? '' : `            ${l}`)),
    '        }',
    '    }',
    '}',
  ].join('\n');
}

/** R with httr, the same steps as the Python and C# samples. */
export function rConsumeSample(
  request: HttpRequest,
  placeholderName: PlaceholderName,
  revealSecrets = false,
): string {
  const p = partsOf(request, placeholderName, revealSecrets);
  const lines = ['library(httr)', ''];
  if (p.body !== undefined) {
    lines.push(...DATA_COMMENT.map((c) => `# ${c}`));
    // R strings may span lines: the body reads as it was typed.
    lines.push(`body <- ${rString(p.body, true)}`, '');
  }
  lines.push(`url <- ${rString(p.url)}`);
  if (p.key) {
    lines.push(
      `# ${KEY_COMMENT}`,
      revealSecrets
        ? `api_key <- ${rString(p.key.value)}`
        : `api_key <- Sys.getenv(${rString(p.key.variable)})`,
      'if (api_key == "") stop("A key should be provided to invoke the endpoint")',
    );
  }
  lines.push('');
  if (p.deployment !== undefined) lines.push(...DEPLOYMENT_COMMENT.map((c) => `# ${c}`));
  const headers: string[] = [];
  if (p.contentType !== undefined) headers.push(`\`Content-Type\` = ${rString(p.contentType)}`);
  headers.push(`Accept = ${rString(p.accept)}`);
  if (p.key) headers.push('Authorization = paste("Bearer", api_key)');
  if (p.deployment !== undefined)
    headers.push(`\`${DEPLOYMENT_HEADER}\` = ${rString(p.deployment)}`);
  for (const h of p.others) {
    headers.push(
      `\`${h.name.replace(/`/g, '\\`')}\` = ${h.variable ? `Sys.getenv(${rString(h.variable)})` : rString(h.value)}`,
    );
  }
  const args = [rString(p.method), 'url'];
  if (p.body !== undefined) args.push('body = body');
  args.push(`add_headers(\n    ${headers.join(',\n    ')}\n  )`);
  lines.push(
    `response <- VERB(\n  ${args.join(',\n  ')}\n)`,
    '',
    'if (status_code(response) < 300) {',
    '  print(content(response, "text", encoding = "UTF-8"))',
    '} else {',
    '  print(paste("The request failed with status code:", status_code(response)))',
    '  # Print the headers - they include the request ID and the timestamp, which are useful for debugging the failure',
    '  print(headers(response))',
    '  print(content(response, "text", encoding = "UTF-8"))',
    '}',
  );
  return lines.join('\n');
}

/**
 * The URL with each credential in its query (an apiKey "in: query", `code`, `sig`...) replaced
 * by a marker such as `<code-api-key>`, where the user's own goes. Keys belong in headers; a
 * sample must not carry one that happens to sit in a query.
 */
function withQueryMarkers(request: HttpRequest, placeholderName: PlaceholderName): string {
  const hash = request.url.indexOf('#');
  const url = hash === -1 ? request.url : request.url.slice(0, hash);
  const q = url.indexOf('?');
  if (q === -1) return url;
  const secret = new Set(
    [...(request.secretQuery ?? []), ...WELL_KNOWN_SECRET_QUERY].map((n) => n.toLowerCase()),
  );
  const pairs = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq === -1) return pair;
      const name = safeDecode(pair.slice(0, eq));
      if (!secret.has(name.toLowerCase()) && !looksLikeCredentialName(name)) return pair;
      const marker = placeholderName(name).toLowerCase().replace(/_/g, '-');
      return `${pair.slice(0, eq)}=<${marker}>`;
    });
  return `${url.slice(0, q)}?${pairs.join('&')}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/**
 * A JSON value as a Python literal (True / False / None), indented as json.dumps(indent=4)
 * would, except that a list of plain values stays on one line: a row of data reads as a row.
 */
export function pythonLiteral(value: unknown, indent: string): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return JSON.stringify(value);
  if (typeof value === 'string') return pyString(value);
  const inner = `${indent}    `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const flat = value.every((v) => v === null || typeof v !== 'object');
    if (flat) {
      const line = `[${value.map((v) => pythonLiteral(v, inner)).join(', ')}]`;
      if (line.length + indent.length <= 100) return line;
    }
    return `[\n${value.map((v) => `${inner}${pythonLiteral(v, inner)}`).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${pyString(k)}: ${pythonLiteral(v, inner)}`).join(',\n')}\n${indent}}`;
}

// JSON's string escapes are all valid in Python and C-like strings.
function pyString(text: string): string {
  return JSON.stringify(text);
}

function csString(text: string): string {
  return JSON.stringify(text);
}

/** A C# verbatim string: only the quote is doubled, so JSON reads as it is. */
function csVerbatim(text: string): string {
  return `@"${text.replace(/"/g, '""')}"`;
}

function rString(text: string, multiline = false): string {
  const escaped = text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r/g, '\\r');
  return `"${multiline ? escaped : escaped.replace(/\n/g, '\\n').replace(/\t/g, '\\t')}"`;
}
