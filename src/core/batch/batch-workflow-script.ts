/**
 * The whole batch workflow (upload the input, BES Submit, Start, poll Status with backoff,
 * download the output) as one runnable script, Python or shell, built from the same BES
 * requests the Batch jobs view sends. Keys and the storage SAS are read from environment
 * variables; nothing secret is written into the script.
 */
import type { HttpRequest } from '../request/http-request';
import { isSensitiveHeaderName, WELL_KNOWN_SECRET_QUERY } from '../request/redact-request';

/** Stands for the job id in the Start and Status request URLs handed in. */
export const JOB_ID_SLOT = 'PORTICO_JOB_ID';

export interface WorkflowScriptInput {
  /** BES Submit, Start and Status as core buildRequest makes them (Start/Status with JOB_ID_SLOT). */
  submit: HttpRequest;
  start: HttpRequest;
  status: HttpRequest;
  /** Account endpoint with a trailing slash, e.g. https://acct.blob.core.windows.net/ */
  accountUrl: string;
  container: string;
  inputBlob: string;
  outputBlob: string;
  inputName?: string;
  outputName?: string;
  globalParameters?: Record<string, string>;
  /** The variable a credential is read from: "azureml" -> AZUREML_API_KEY. */
  variableFor: (source: string) => string;
}

/** The variable holding the container SAS token (sv=...&sig=...). */
export const STORAGE_SAS_VARIABLE = 'STORAGE_SAS';

interface ScriptHeader {
  name: string;
  /** Literal value, or a variable with an optional scheme prefix ("Bearer "). */
  value: string;
  variable?: string;
}

interface ScriptUrl {
  /** The URL without secret query parameters. */
  url: string;
  secretQuery: Array<{ name: string; variable: string }>;
}

function scriptHeaders(request: HttpRequest, variableFor: (s: string) => string): ScriptHeader[] {
  return request.headers
    .filter((h) => h.name.toLowerCase() !== 'content-type')
    .map((h) => {
      if (!h.secret && !(h.value !== '' && isSensitiveHeaderName(h.name))) {
        return { name: h.name, value: h.value };
      }
      const scheme = /^(Bearer|Basic|Digest|Token)\s+/i.exec(h.value);
      return {
        name: h.name,
        value: scheme ? scheme[0] : '',
        variable: variableFor(h.schemeId ?? h.name),
      };
    });
}

function scriptUrl(request: HttpRequest, variableFor: (s: string) => string): ScriptUrl {
  const secretNames = new Set(
    [...(request.secretQuery ?? []), ...WELL_KNOWN_SECRET_QUERY].map((n) => n.toLowerCase()),
  );
  const q = request.url.indexOf('?');
  if (q === -1) return { url: request.url, secretQuery: [] };
  const kept: string[] = [];
  const secretQuery: ScriptUrl['secretQuery'] = [];
  for (const pair of request.url.slice(q + 1).split('&')) {
    if (pair === '') continue;
    const name = decodeURIComponent(pair.split('=')[0] ?? '');
    if (secretNames.has(name.toLowerCase())) {
      secretQuery.push({ name, variable: variableFor(name) });
    } else kept.push(pair);
  }
  return {
    url: request.url.slice(0, q) + (kept.length > 0 ? `?${kept.join('&')}` : ''),
    secretQuery,
  };
}

function variablesOf(headers: ScriptHeader[], urls: ScriptUrl[]): string[] {
  const names = [
    ...headers.flatMap((h) => (h.variable ? [h.variable] : [])),
    ...urls.flatMap((u) => u.secretQuery.map((s) => s.variable)),
    STORAGE_SAS_VARIABLE,
  ];
  return [...new Set(names)];
}

const py = (text: string): string => JSON.stringify(text);

/** A Python f-string-free URL template: the job id goes in with .format(job_id=...). */
function pyJobUrl(url: string): string {
  return py(
    url
      .replace(/[{}]/g, (c) => c + c)
      .split(JOB_ID_SLOT)
      .join('{job_id}'),
  );
}

export function pythonWorkflowScript(input: WorkflowScriptInput): string {
  const headers = scriptHeaders(input.submit, input.variableFor);
  const submit = scriptUrl(input.submit, input.variableFor);
  const start = scriptUrl(input.start, input.variableFor);
  const status = scriptUrl(input.status, input.variableFor);
  const variables = variablesOf(headers, [submit, start, status]);
  const params = [...submit.secretQuery, ...start.secretQuery, ...status.secretQuery].filter(
    (p, i, all) => all.findIndex((o) => o.name === p.name) === i,
  );
  const inputName = input.inputName ?? 'input1';
  const outputName = input.outputName ?? 'output1';
  const headerLines = headers.map((h) =>
    h.variable
      ? `    ${py(h.name)}: ${h.value ? `${py(h.value)} + ` : ''}${h.variable},`
      : `    ${py(h.name)}: ${py(h.value)},`,
  );
  return [
    '#!/usr/bin/env python3',
    '"""Batch scoring with the Batch Execution Service: upload the input CSV, submit and start a',
    'job, poll it until it ends, download the output. Needs: pip install azure-storage-blob requests',
    '',
    `Usage: ${variables.map((v) => `${v}=...`).join(' ')} python3 batch_workflow.py [input.csv] [output.csv]`,
    '"""',
    'import os',
    'import sys',
    'import time',
    '',
    'import requests',
    'from azure.storage.blob import BlobClient',
    '',
    ...variables.map((v) => `${v} = os.environ[${py(v)}]`),
    '',
    `ACCOUNT_URL = ${py(input.accountUrl)}`,
    `CONTAINER = ${py(input.container)}`,
    `INPUT_BLOB = ${py(input.inputBlob)}`,
    `OUTPUT_BLOB = ${py(input.outputBlob)}`,
    `INPUT_FILE = sys.argv[1] if len(sys.argv) > 1 else ${py(baseName(input.inputBlob))}`,
    `OUTPUT_FILE = sys.argv[2] if len(sys.argv) > 2 else ${py(baseName(input.outputBlob))}`,
    '',
    `SUBMIT_URL = ${py(submit.url)}`,
    `START_URL = ${pyJobUrl(start.url)}`,
    `STATUS_URL = ${pyJobUrl(status.url)}`,
    'HEADERS = {',
    ...headerLines,
    '}',
    params.length > 0
      ? `PARAMS = {${params.map((p) => `${py(p.name)}: ${p.variable}`).join(', ')}}`
      : 'PARAMS = {}',
    'SAS = "?" + STORAGE_SAS.lstrip("?")',
    '',
    '',
    'def reference(blob):',
    '    return {',
    '        "ConnectionString": None,',
    '        "BaseLocation": ACCOUNT_URL,',
    '        "RelativeLocation": f"{CONTAINER}/{blob}",',
    '        "SasBlobToken": SAS,',
    '    }',
    '',
    '',
    'def check(response):',
    '    if response.status_code >= 300:',
    '        sys.exit(f"{response.request.method} {response.url.split(\'?\')[0]} answered {response.status_code}: {response.text}")',
    '    return response',
    '',
    '',
    'print(f"Uploading {INPUT_FILE} to {CONTAINER}/{INPUT_BLOB}")',
    'with open(INPUT_FILE, "rb") as data:',
    '    BlobClient.from_blob_url(f"{ACCOUNT_URL}{CONTAINER}/{INPUT_BLOB}{SAS}").upload_blob(data, overwrite=True)',
    '',
    'body = {',
    `    "Inputs": {${py(inputName)}: reference(INPUT_BLOB)},`,
    `    "Outputs": {${py(outputName)}: reference(OUTPUT_BLOB)},`,
    `    "GlobalParameters": ${pyDict(input.globalParameters ?? {})},`,
    '}',
    'job_id = check(requests.post(SUBMIT_URL, json=body, headers=HEADERS, params=PARAMS, timeout=30)).json()',
    'print(f"Submitted job {job_id}")',
    'check(requests.post(START_URL.format(job_id=job_id), headers=HEADERS, params=PARAMS, timeout=30))',
    '',
    '# Poll less often as time goes by, and never sooner than the server asks (Retry-After).',
    'STATES = ["NotStarted", "Running", "Failed", "Cancelled", "Finished"]',
    'delay = 1',
    'while True:',
    '    response = requests.get(STATUS_URL.format(job_id=job_id), headers=HEADERS, params=PARAMS, timeout=30)',
    '    if response.status_code in (429, 503) or response.status_code >= 500:',
    '        time.sleep(max(delay, int(response.headers.get("Retry-After", "0") or 0)))',
    '        delay = min(delay * 2, 30)',
    '        continue',
    '    status = check(response).json()',
    '    state = status["StatusCode"]',
    '    state = STATES[state] if isinstance(state, int) else state',
    '    print(f"Job {job_id}: {state}")',
    '    if state in ("Finished", "Failed", "Cancelled"):',
    '        break',
    '    time.sleep(delay)',
    '    delay = min(delay * 2, 30)',
    '',
    'if state != "Finished":',
    '    sys.exit(f"Job {job_id} ended {state}: {status.get(\'Details\')}")',
    '',
    `result = status["Results"][${py(outputName)}]`,
    'url = result["BaseLocation"] + result["RelativeLocation"] + result["SasBlobToken"]',
    'with open(OUTPUT_FILE, "wb") as out:',
    '    out.write(BlobClient.from_blob_url(url).download_blob().readall())',
    'print(f"Saved {OUTPUT_FILE}")',
    '',
  ].join('\n');
}

function pyDict(values: Record<string, string>): string {
  const entries = Object.entries(values);
  return entries.length === 0
    ? '{}'
    : `{${entries.map(([k, v]) => `${py(k)}: ${py(v)}`).join(', ')}}`;
}

function baseName(blob: string): string {
  return blob.split('/').pop() || blob;
}

/** Single-quoted for POSIX shells: nothing inside expands. */
function sh(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A URL in double quotes with the job id and secret query values as shell variables. */
function shUrl(url: ScriptUrl): string {
  const escaped = url.url
    .replace(/(["\\$`])/g, '\\$1')
    .split(JOB_ID_SLOT)
    .join('$job_id');
  const secrets = url.secretQuery.map((s) => `${s.name}=$${s.variable}`);
  if (secrets.length === 0) return `"${escaped}"`;
  return `"${escaped}${escaped.includes('?') ? '&' : '?'}${secrets.join('&')}"`;
}

export function shellWorkflowScript(input: WorkflowScriptInput): string {
  const headers = scriptHeaders(input.submit, input.variableFor);
  const submit = scriptUrl(input.submit, input.variableFor);
  const start = scriptUrl(input.start, input.variableFor);
  const status = scriptUrl(input.status, input.variableFor);
  const variables = variablesOf(headers, [submit, start, status]);
  const inputName = input.inputName ?? 'input1';
  const outputName = input.outputName ?? 'output1';
  const headerArgs = headers.map((h) =>
    h.variable
      ? `    --header "${h.name}: ${h.value}$${h.variable}"`
      : `    --header ${sh(`${h.name}: ${h.value}`)}`,
  );
  return [
    '#!/usr/bin/env bash',
    '# Batch scoring with the Batch Execution Service: upload the input CSV (plain SAS upload),',
    '# submit and start a job, poll it until it ends, download the output. Needs curl and sed.',
    '#',
    `# Usage: ${variables.map((v) => `${v}=...`).join(' ')} bash batch_workflow.sh [input.csv] [output.csv]`,
    'set -euo pipefail',
    '',
    ...variables.map((v) => `: "\${${v}:?export ${v} first}"`),
    `SAS="\${${STORAGE_SAS_VARIABLE}#\\?}"`,
    '',
    `ACCOUNT_URL=${sh(input.accountUrl)}`,
    `CONTAINER=${sh(input.container)}`,
    `INPUT_BLOB=${sh(input.inputBlob)}`,
    `OUTPUT_BLOB=${sh(input.outputBlob)}`,
    `INPUT_FILE="\${1:-${baseName(input.inputBlob).replace(/(["\\$`}])/g, '\\$1')}}"`,
    `OUTPUT_FILE="\${2:-${baseName(input.outputBlob).replace(/(["\\$`}])/g, '\\$1')}}"`,
    '',
    'call() {',
    '  curl --fail-with-body --silent --show-error \\',
    ...headerArgs.map((line) => `${line} \\`),
    '    "$@"',
    '}',
    '',
    'reference() {',
    '  printf \'{"ConnectionString":null,"BaseLocation":"%s","RelativeLocation":"%s/%s","SasBlobToken":"?%s"}\' \\',
    '    "$ACCOUNT_URL" "$CONTAINER" "$1" "$SAS"',
    '}',
    '',
    'echo "Uploading $INPUT_FILE to $CONTAINER/$INPUT_BLOB"',
    'curl --fail-with-body --silent --show-error --request PUT \\',
    "  --header 'x-ms-blob-type: BlockBlob' \\",
    '  --data-binary "@$INPUT_FILE" \\',
    '  "$ACCOUNT_URL$CONTAINER/$INPUT_BLOB?$SAS"',
    '',
    `body="{\\"Inputs\\":{\\"${inputName}\\":$(reference "$INPUT_BLOB")},\\"Outputs\\":{\\"${outputName}\\":$(reference "$OUTPUT_BLOB")},\\"GlobalParameters\\":"${sh(JSON.stringify(input.globalParameters ?? {}))}"}"`,
    `job_id=$(call --request POST --header 'Content-Type: application/json' --data "$body" ${shUrl(submit)} | tr -d '"')`,
    'echo "Submitted job $job_id"',
    `call --request POST ${shUrl(start)} > /dev/null`,
    '',
    '# Poll less often as time goes by.',
    'delay=1',
    'while :; do',
    `  status_json=$(call ${shUrl(status)})`,
    '  state=$(printf \'%s\' "$status_json" | sed -n \'s/.*"StatusCode" *: *"\\{0,1\\}\\([A-Za-z0-9]*\\).*/\\1/p\')',
    '  echo "Job $job_id: $state"',
    '  case "$state" in',
    '    Finished | 4) break ;;',
    '    Failed | Cancelled | 2 | 3) echo "$status_json" >&2; exit 1 ;;',
    '  esac',
    '  sleep "$delay"',
    '  delay=$((delay < 30 ? delay * 2 : 30))',
    'done',
    '',
    '# The job writes where the submit body said: the output blob in the same container.',
    'curl --fail-with-body --silent --show-error --output "$OUTPUT_FILE" \\',
    '  "$ACCOUNT_URL$CONTAINER/$OUTPUT_BLOB?$SAS"',
    'echo "Saved $OUTPUT_FILE"',
    '',
  ].join('\n');
}
