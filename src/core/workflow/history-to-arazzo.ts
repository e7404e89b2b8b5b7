/**
 * History's calls, in the order the user picked them, as an Arazzo 1.0.1 document: one step per
 * call. A value a call sent that an earlier call received (a job id in a response body, a
 * Location header) is wired as `$steps.<id>.outputs.<name>`, the earlier step gaining that
 * output, instead of being copied as a literal. Keys never appear: each security scheme of an
 * operation becomes a workflow input passed through `x-security` (Redocly Respect's extension,
 * which Portico's runner reads too), and a secret parameter or a masked SAS in a body becomes
 * an input as well. History itself holds no secret (see history-entry.ts), so nothing here can
 * leak one; the inputs only make the holes explicit.
 */
import { Document } from 'yaml';
import type { ApiOperation, SecurityScheme } from '../definition/api-model';
import type { HistoryEntry } from '../history/history-entry';
import { SECRET_MASK } from '../request/http-request';
import { looksLikeCredentialName, WELL_KNOWN_SECRET_QUERY } from '../request/redact-request';
import type {
  ArazzoDocument,
  ArazzoParameter,
  ArazzoStep,
  HistoryToArazzo,
} from './workflow-types';

// Shorter values ("1", "ok", "2.0") match by accident far too often to be wired.
const MIN_WIRED_LENGTH = 4;

interface Produced {
  stepId: string;
  expression: string;
  value: string;
  /** The output's name once the step exposes it. */
  output?: string;
  suggested: string;
}

function camel(text: string): string {
  const words = text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  const joined = words
    .map((w, i) => (i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1)))
    .join('');
  return /^[A-Za-z]/.test(joined) ? joined : `v${joined}`;
}

function unique(base: string, taken: Set<string>): string {
  let name = base;
  for (let n = 2; taken.has(name); n += 1) name = `${base}${n}`;
  taken.add(name);
  return name;
}

function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Every string or number leaf of a JSON value with its pointer. */
function leaves(
  value: unknown,
  pointer = '',
): Array<{ pointer: string; key: string; value: string }> {
  if (typeof value === 'string' || typeof value === 'number')
    return [{ pointer, key: pointer.split('/').pop() ?? '', value: String(value) }];
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, `${pointer}/${i}`));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([k, v]) => leaves(v, `${pointer}/${escapePointer(k)}`));
  return [];
}

function parseJson(text: string | undefined): { ok: true; value: unknown } | { ok: false } {
  if (text === undefined || text.trim() === '') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** What a response offers to later calls: body leaves, a JSON string body, Location. */
function producedBy(entry: HistoryEntry, stepId: string): Produced[] {
  const produced: Produced[] = [];
  const response = entry.response;
  if (!response) return produced;
  const body = parseJson(response.body);
  if (body.ok) {
    if (typeof body.value === 'string' || typeof body.value === 'number') {
      produced.push({
        stepId,
        expression: '$response.body',
        value: String(body.value),
        suggested: 'result',
      });
    } else {
      for (const leaf of leaves(body.value)) {
        if (leaf.value.includes(SECRET_MASK)) continue;
        produced.push({
          stepId,
          expression: `$response.body#${leaf.pointer}`,
          value: leaf.value,
          suggested: /^\d+$/.test(leaf.key) ? 'item' : leaf.key,
        });
      }
    }
  }
  for (const [name, value] of response.headers) {
    if (!/^(location|operation-location|azure-asyncoperation|content-location|etag)$/i.test(name))
      continue;
    produced.push({
      stepId,
      expression: `$response.header.${name}`,
      value,
      suggested: name,
    });
  }
  return produced.filter((p) => p.value.length >= MIN_WIRED_LENGTH);
}

interface Wiring {
  produced: Produced[];
  outputsOf: Map<string, Record<string, string>>;
  outputNames: Map<string, Set<string>>;
}

function outputName(wiring: Wiring, source: Produced): string {
  if (source.output) return source.output;
  const taken = wiring.outputNames.get(source.stepId) ?? new Set<string>();
  wiring.outputNames.set(source.stepId, taken);
  source.output = unique(camel(source.suggested), taken);
  const outputs = wiring.outputsOf.get(source.stepId) ?? {};
  outputs[source.output] = source.expression;
  wiring.outputsOf.set(source.stepId, outputs);
  return source.output;
}

/**
 * A value as the step writes it: wired to the latest earlier output equal to it, or with such
 * outputs embedded (`{$steps...}`) where it merely contains them; else the literal.
 */
function wire(wiring: Wiring, value: string): string {
  const earlier = [...wiring.produced].reverse();
  const exact = earlier.find((p) => p.value === value);
  if (exact) return `$steps.${exact.stepId}.outputs.${outputName(wiring, exact)}`;
  let text = value;
  let wired = false;
  for (const source of earlier.sort((a, b) => b.value.length - a.value.length)) {
    if (source.value.length < 8 || !text.includes(source.value)) continue;
    const expression = `{$steps.${source.stepId}.outputs.${outputName(wiring, source)}}`;
    text = text.split(source.value).join(expression);
    wired = true;
  }
  // An embedded expression is only recognised when the text has no other braces around it.
  return wired ? text : value;
}

function wireJson(wiring: Wiring, value: unknown): unknown {
  if (typeof value === 'string')
    return value.length >= MIN_WIRED_LENGTH ? wire(wiring, value) : value;
  if (typeof value === 'number') {
    const wired = String(value).length >= MIN_WIRED_LENGTH ? wire(wiring, String(value)) : '';
    return wired.startsWith('$steps.') ? wired : value;
  }
  if (Array.isArray(value)) return value.map((v) => wireJson(wiring, v));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wireJson(wiring, v)]));
  return value;
}

function isSecretParam(where: string, name: string): boolean {
  if (where === 'query')
    return WELL_KNOWN_SECRET_QUERY.includes(name.toLowerCase()) || looksLikeCredentialName(name);
  return (where === 'header' || where === 'cookie') && looksLikeCredentialName(name);
}

/** Values that hold a mask in a body (a SAS with its signature masked) become inputs. */
function maskedToInputs(
  value: unknown,
  path: string[],
  addInput: (base: string, description: string) => string,
): unknown {
  if (typeof value === 'string' && value.includes(SECRET_MASK)) {
    const name = addInput(
      path.at(-1) ?? 'secret',
      `The secret that History masked at ${path.join('.')}`,
    );
    return `$inputs.${name}`;
  }
  if (Array.isArray(value))
    return value.map((v, i) => maskedToInputs(v, [...path, String(i)], addInput));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, maskedToInputs(v, [...path, k], addInput)]),
    );
  return value;
}

function securityValues(scheme: SecurityScheme, input: string): Record<string, string> {
  if (scheme.type === 'apiKey') return { apiKey: `$inputs.${input}` };
  if (scheme.type === 'http' && scheme.scheme.toLowerCase() === 'basic')
    return { username: `$inputs.${input}Username`, password: `$inputs.${input}Password` };
  return { token: `$inputs.${input}` };
}

export const historyToArazzo: HistoryToArazzo = (entries, apis) => {
  const inputs: Record<string, { type: 'string'; format?: 'password'; description: string }> = {};
  const inputNames = new Set<string>();
  const addInput = (base: string, description: string, secret = true): string => {
    const name = unique(camel(base), inputNames);
    inputs[name] = {
      type: 'string',
      ...(secret ? { format: 'password' as const } : {}),
      description,
    };
    return name;
  };
  const schemeInputs = new Map<string, string>();

  const sources = new Map<string, string>();
  const sourceNames = new Set<string>();
  const sourceOf = (apiId: string): string => {
    const known = sources.get(apiId);
    if (known) return known;
    const name = unique(apiId.replace(/[^A-Za-z0-9_-]+/g, '-') || 'api', sourceNames);
    sources.set(apiId, name);
    return name;
  };

  const wiring: Wiring = { produced: [], outputsOf: new Map(), outputNames: new Map() };
  const stepIds = new Set<string>();
  const steps: ArazzoStep[] = [];
  const skipped: string[] = [];

  for (const entry of entries) {
    const api = apis.get(entry.apiId);
    const operation: ApiOperation | undefined = api?.definition.operations.find(
      (op) => op.slug === entry.operationSlug,
    );
    if (!api || !operation) {
      skipped.push(`${entry.method} ${entry.url}`);
      continue;
    }
    const source = sourceOf(entry.apiId);
    const stepId = unique(
      camel(operation.operationId ?? `${operation.method} ${operation.path}`),
      stepIds,
    );
    const step: ArazzoStep = {
      stepId,
      description: `${entry.operationSummary} (from History, ${new Date(entry.at).toISOString()})`,
    };
    if (operation.operationId) {
      step.operationId =
        apis.size > 1
          ? `$sourceDescriptions.${source}.${operation.operationId}`
          : operation.operationId;
    } else {
      step.operationPath = `{$sourceDescriptions.${source}.url}#/paths/${escapePointer(operation.path)}/${operation.method}`;
    }

    const security: Array<{ schemeName: string; values: Record<string, string> }> = [];
    const schemeIds = [...new Set(operation.security.flat())];
    for (const id of schemeIds) {
      const scheme = api.definition.securitySchemes[id];
      if (!scheme) continue;
      let input = schemeInputs.get(id);
      if (!input) {
        input = camel(id);
        if (scheme.type === 'http' && scheme.scheme.toLowerCase() === 'basic') {
          addInput(`${input}Username`, `User name for ${id} (${api.title})`, false);
          addInput(`${input}Password`, `Password for ${id} (${api.title})`);
        } else {
          input = addInput(
            input,
            `${scheme.description ?? id} (${api.title}): left empty, the environment's is used`,
          );
        }
        schemeInputs.set(id, input);
      }
      security.push({ schemeName: id, values: securityValues(scheme, input) });
    }
    if (security.length > 0) step['x-security'] = security;

    const parameters: ArazzoParameter[] = [];
    for (const [key, value] of Object.entries(entry.form.params)) {
      const at = key.indexOf(':');
      const where = key.slice(0, at) as ArazzoParameter['in'];
      const name = key.slice(at + 1);
      if (where === undefined || !['path', 'query', 'header', 'cookie'].includes(where)) continue;
      if (isSecretParam(where, name)) {
        parameters.push({
          name,
          in: where,
          value: `$inputs.${addInput(name, `${where} parameter ${name}`)}`,
        });
        continue;
      }
      if (value === '') continue;
      parameters.push({
        name,
        in: where,
        value: value.length >= MIN_WIRED_LENGTH ? wire(wiring, value) : value,
      });
    }
    for (const header of entry.form.customHeaders) {
      const name = header.name.trim();
      if (name === '') continue;
      if (looksLikeCredentialName(name)) {
        parameters.push({
          name,
          in: 'header',
          value: `$inputs.${addInput(name, `header ${name}`)}`,
        });
      } else if (header.value !== '') {
        parameters.push({ name, in: 'header', value: wire(wiring, header.value) });
      }
    }
    if (parameters.length > 0) step.parameters = parameters;

    const body = entry.form.body;
    if (body !== undefined && body.trim() !== '') {
      const contentType = operation.requestBody?.content[0]?.contentType ?? 'application/json';
      const parsed = parseJson(body);
      step.requestBody = {
        contentType,
        payload: parsed.ok
          ? maskedToInputs(wireJson(wiring, parsed.value), [], addInput)
          : wire(wiring, body),
      };
    }
    if (entry.status !== undefined)
      step.successCriteria = [{ condition: `$statusCode == ${entry.status}` }];
    steps.push(step);
    wiring.produced.push(...producedBy(entry, stepId));
  }

  for (const step of steps) {
    const outputs = wiring.outputsOf.get(step.stepId);
    if (outputs) step.outputs = outputs;
  }

  const document: ArazzoDocument = {
    arazzo: '1.0.1',
    info: {
      title: 'Calls saved from History',
      version: '1.0.0',
      description:
        'Made by Portico from the calls picked in History, in order. Values that came from an earlier response are wired as runtime expressions; keys are inputs, never values.',
    },
    sourceDescriptions: [...sources].map(([apiId, name]) => ({
      name,
      url: apis.get(apiId)?.definitionUrl ?? apiId,
      type: 'openapi' as const,
    })),
    workflows: [
      {
        workflowId: 'savedCalls',
        summary: `${steps.length} call${steps.length === 1 ? '' : 's'} from History`,
        ...(Object.keys(inputs).length > 0
          ? { inputs: { type: 'object', properties: inputs } }
          : {}),
        steps,
      },
    ],
  };
  const yaml = new Document(document);
  const notes = [
    ' Keys are inputs: run it with `npx @redocly/cli respect <file> --input name=value`,',
    " or in Portico, where an empty key input uses the environment's.",
    ...(skipped.length > 0
      ? [` Left out (their API or operation is not loaded): ${skipped.join('; ')}`]
      : []),
  ];
  yaml.commentBefore = notes.join('\n');
  return yaml.toString({ lineWidth: 0 });
};
