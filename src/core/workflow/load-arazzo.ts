/**
 * Reads an Arazzo document (YAML or JSON: YAML 1.2 reads both), validates it against the
 * structure of Arazzo 1.0.x (arazzo-schema.json, interpreted by @cfworker/json-schema, which
 * generates no code and so runs under the portal's CSP), then checks what a schema cannot: ids
 * unique, exactly one target per step, goto targets, dependsOn, component references and the
 * syntax of every runtime expression. Every problem names its place by a JSON pointer and, when
 * it can, a line.
 */
import { Validator, type OutputUnit, type Schema } from '@cfworker/json-schema';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import arazzoSchema from './arazzo-schema.json' with { type: 'json' };
import { embeddedExpressions, parseRuntimeExpression } from './runtime-expression';
import type {
  ArazzoCriterion,
  ArazzoDocument,
  ArazzoFailureAction,
  ArazzoLoadResult,
  ArazzoProblem,
  ArazzoReusable,
  ArazzoStep,
  ArazzoSuccessAction,
  ArazzoWorkflow,
} from './workflow-types';

let validator: Validator | undefined;
function schemaValidator(): Validator {
  validator ??= new Validator(arazzoSchema as unknown as Schema, '2020-12', false);
  return validator;
}

export function pointerOf(tokens: ReadonlyArray<string | number>): string {
  return tokens.map((t) => `/${String(t).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function tokensOf(pointer: string): string[] {
  if (pointer === '' || pointer === '#') return [];
  return pointer
    .replace(/^#/, '')
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Where a pointer lands in the source text, as a 1-based line. */
function lineOf(
  doc: Document | undefined,
  counter: LineCounter,
  pointer: string,
): number | undefined {
  if (!doc) return undefined;
  let node: unknown = doc.contents;
  let found: unknown = node;
  for (const token of tokensOf(pointer)) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === token);
      if (!pair) break;
      found = pair.key;
      node = pair.value;
    } else if (isSeq(node)) {
      node = node.items[Number(token)];
      found = node;
    } else break;
  }
  const range = (found as { range?: [number, number, number] } | null)?.range;
  return range ? counter.linePos(range[0]).line : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Names the place a pointer leads to in words a person uses: `workflow "batchFlow", step
 * "submit", parameters[1]`.
 */
export function describePlace(document: unknown, pointer: string): string {
  const labels: Record<string, [string, string]> = {
    workflows: ['workflow', 'workflowId'],
    steps: ['step', 'stepId'],
    sourceDescriptions: ['source', 'name'],
  };
  const words: string[] = [];
  let node: unknown = document;
  for (const token of tokensOf(pointer)) {
    if (Array.isArray(node)) {
      const item: unknown = node[Number(token)];
      const collection = words.pop() ?? '';
      const label = labels[collection];
      const id = label && isRecord(item) ? item[label[1]] : undefined;
      words.push(
        label && typeof id === 'string' ? `${label[0]} "${id}"` : `${collection}[${token}]`,
      );
      node = item;
    } else {
      words.push(token);
      node = isRecord(node) ? node[token] : undefined;
    }
  }
  return words.length === 0 ? 'the document' : words.join(', ');
}

// Schema keywords that only say "something below failed": the errors below say what.
const WRAPPERS = new Set(['properties', 'items', '$ref', 'if', 'then', 'else', 'allOf', 'false']);

function schemaProblems(units: readonly OutputUnit[]): Array<{ pointer: string; message: string }> {
  const problems: Array<{ pointer: string; message: string }> = [];
  const anyOfAt = units.filter((u) => u.keyword === 'anyOf').map((u) => u.keywordLocation);
  for (const unit of units) {
    if (WRAPPERS.has(unit.keyword)) continue;
    // Alternatives of an anyOf are summed up by the anyOf's own message.
    if (anyOfAt.some((at) => unit.keywordLocation.startsWith(`${at}/`))) continue;
    const pointer = unit.instanceLocation.replace(/^#/, '');
    const detail = unit.error.replace(/^Instance /, '').replace(/\.$/, '');
    switch (unit.keyword) {
      case 'required': {
        const name = /"([^"]+)"/.exec(unit.error)?.[1] ?? '';
        problems.push({ pointer, message: `"${name}" is required here` });
        break;
      }
      case 'additionalProperties': {
        const name = /Property "([^"]+)"/.exec(unit.error)?.[1] ?? '';
        problems.push({
          pointer: `${pointer}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`,
          message: `"${name}" is not a field of this Arazzo object (only x- extensions may be added)`,
        });
        break;
      }
      case 'propertyNames':
        problems.push({
          pointer,
          message: 'names here may hold only letters, digits, ".", "-" and "_"',
        });
        break;
      case 'anyOf':
        problems.push({ pointer, message: 'is none of the forms Arazzo allows here' });
        break;
      case 'pattern':
        problems.push({
          pointer,
          message: /sourceDescriptions\/\d+\/name$/.test(pointer)
            ? 'a source name may hold only letters, digits, "_" and "-"'
            : /\/arazzo$/.test(pointer)
              ? 'Portico reads Arazzo 1.0.x: "arazzo" must be like "1.0.1"'
              : detail,
        });
        break;
      default:
        problems.push({ pointer, message: detail });
    }
  }
  return problems;
}

function isReusable(value: unknown): value is ArazzoReusable {
  return isRecord(value) && typeof value.reference === 'string';
}

interface Checker {
  problems: Array<{ pointer: string; message: string }>;
  add(path: ReadonlyArray<string | number>, message: string): void;
}

function checkExpression(checker: Checker, path: Array<string | number>, text: string): void {
  const parsed = parseRuntimeExpression(text);
  if (!parsed.ok) checker.add(path, parsed.message);
}

/** A value that may be an expression, or a string with `{$...}` in it, anywhere inside. */
function checkValue(checker: Checker, path: Array<string | number>, value: unknown): void {
  if (typeof value === 'string') {
    if (/^\$[A-Za-z]/.test(value)) checkExpression(checker, path, value);
    else
      for (const span of embeddedExpressions(value))
        checkExpression(checker, path, span.expression);
  } else if (Array.isArray(value)) value.forEach((v, i) => checkValue(checker, [...path, i], v));
  else if (isRecord(value))
    for (const [k, v] of Object.entries(value)) checkValue(checker, [...path, k], v);
}

function checkCriteria(
  checker: Checker,
  path: Array<string | number>,
  criteria: readonly ArazzoCriterion[] | undefined,
): void {
  criteria?.forEach((criterion, i) => {
    const at = [...path, i];
    if (criterion.context !== undefined)
      checkExpression(checker, [...at, 'context'], criterion.context);
    const kind =
      typeof criterion.type === 'object' ? criterion.type.type : (criterion.type ?? 'simple');
    if (kind !== 'simple' && criterion.context === undefined)
      checker.add(at, `a ${kind} criterion needs a "context" (e.g. $response.body)`);
    if (kind === 'regex') {
      try {
        new RegExp(criterion.condition);
      } catch (error) {
        checker.add([...at, 'condition'], `is not a valid regular expression: ${String(error)}`);
      }
    }
  });
}

function referenceTarget(
  document: ArazzoDocument,
  reference: string,
  kind: 'parameters' | 'successActions' | 'failureActions',
): unknown {
  const prefix = `$components.${kind}.`;
  if (!reference.startsWith(prefix)) return undefined;
  return document.components?.[kind]?.[reference.slice(prefix.length)];
}

function checkActions(
  checker: Checker,
  document: ArazzoDocument,
  workflow: ArazzoWorkflow,
  path: Array<string | number>,
  actions: ReadonlyArray<ArazzoSuccessAction | ArazzoFailureAction | ArazzoReusable> | undefined,
  kind: 'successActions' | 'failureActions',
): void {
  const stepIds = new Set(workflow.steps.map((s) => s.stepId));
  const workflowIds = new Set(document.workflows.map((w) => w.workflowId));
  actions?.forEach((item, i) => {
    const at = [...path, i];
    let action: ArazzoSuccessAction | ArazzoFailureAction;
    if (isReusable(item)) {
      const target = referenceTarget(document, item.reference, kind);
      if (!target) {
        checker.add([...at, 'reference'], `"${item.reference}" names no components.${kind} entry`);
        return;
      }
      action = target as ArazzoSuccessAction | ArazzoFailureAction;
    } else action = item;
    if (action.stepId !== undefined && action.workflowId !== undefined)
      checker.add(at, 'an action names a stepId or a workflowId, not both');
    if (action.type === 'goto' && action.stepId === undefined && action.workflowId === undefined)
      checker.add(at, 'a goto action needs a stepId or a workflowId');
    if (action.stepId !== undefined && !stepIds.has(action.stepId))
      checker.add(
        [...at, 'stepId'],
        `there is no step "${action.stepId}" in workflow "${workflow.workflowId}"`,
      );
    if (
      action.workflowId !== undefined &&
      !action.workflowId.startsWith('$sourceDescriptions.') &&
      !workflowIds.has(action.workflowId)
    )
      checker.add([...at, 'workflowId'], `there is no workflow "${action.workflowId}"`);
    checkCriteria(checker, [...at, 'criteria'], action.criteria);
  });
}

function checkStep(
  checker: Checker,
  document: ArazzoDocument,
  workflow: ArazzoWorkflow,
  step: ArazzoStep,
  path: Array<string | number>,
): void {
  const targets = (['operationId', 'operationPath', 'workflowId'] as const).filter(
    (k) => step[k] !== undefined,
  );
  if (targets.length !== 1)
    checker.add(
      path,
      targets.length === 0
        ? 'a step needs one of operationId, operationPath or workflowId'
        : `a step names one of operationId, operationPath or workflowId, not ${targets.join(' and ')}`,
    );
  const workflowIds = new Set(document.workflows.map((w) => w.workflowId));
  if (
    step.workflowId !== undefined &&
    !step.workflowId.startsWith('$sourceDescriptions.') &&
    !workflowIds.has(step.workflowId)
  )
    checker.add([...path, 'workflowId'], `there is no workflow "${step.workflowId}"`);
  step.parameters?.forEach((parameter, i) => {
    const at = [...path, 'parameters', i];
    if (isReusable(parameter)) {
      if (!referenceTarget(document, parameter.reference, 'parameters'))
        checker.add(
          [...at, 'reference'],
          `"${parameter.reference}" names no components.parameters entry`,
        );
      else if (parameter.value !== undefined)
        checkValue(checker, [...at, 'value'], parameter.value);
      return;
    }
    if (step.workflowId === undefined && parameter.in === undefined)
      checker.add(at, `parameter "${parameter.name}" needs "in" (path, query, header or cookie)`);
    checkValue(checker, [...at, 'value'], parameter.value);
  });
  if (step.requestBody) {
    checkValue(checker, [...path, 'requestBody', 'payload'], step.requestBody.payload);
    step.requestBody.replacements?.forEach((r, i) =>
      checkValue(checker, [...path, 'requestBody', 'replacements', i, 'value'], r.value),
    );
  }
  checkCriteria(checker, [...path, 'successCriteria'], step.successCriteria);
  checkActions(
    checker,
    document,
    workflow,
    [...path, 'onSuccess'],
    step.onSuccess,
    'successActions',
  );
  checkActions(
    checker,
    document,
    workflow,
    [...path, 'onFailure'],
    step.onFailure,
    'failureActions',
  );
  for (const [name, expression] of Object.entries(step.outputs ?? {}))
    checkExpression(checker, [...path, 'outputs', name], expression);
}

/** What the schema cannot see: references between the document's own objects. */
export function checkReferences(
  document: ArazzoDocument,
): Array<{ pointer: string; message: string }> {
  const checker: Checker = {
    problems: [],
    add(path, message) {
      this.problems.push({ pointer: pointerOf(path), message });
    },
  };
  const duplicates = (
    values: string[],
    path: (i: number) => Array<string | number>,
    what: string,
  ) => {
    const seen = new Set<string>();
    values.forEach((value, i) => {
      if (seen.has(value)) checker.add(path(i), `${what} "${value}" is used twice`);
      seen.add(value);
    });
  };
  duplicates(
    document.sourceDescriptions.map((s) => s.name),
    (i) => ['sourceDescriptions', i, 'name'],
    'the source name',
  );
  duplicates(
    document.workflows.map((w) => w.workflowId),
    (i) => ['workflows', i, 'workflowId'],
    'the workflowId',
  );
  const workflowIds = new Set(document.workflows.map((w) => w.workflowId));
  document.workflows.forEach((workflow, w) => {
    const at: Array<string | number> = ['workflows', w];
    duplicates(
      workflow.steps.map((s) => s.stepId),
      (i) => [...at, 'steps', i, 'stepId'],
      'the stepId',
    );
    workflow.dependsOn?.forEach((id, i) => {
      if (!id.startsWith('$sourceDescriptions.') && !workflowIds.has(id))
        checker.add([...at, 'dependsOn', i], `there is no workflow "${id}" to depend on`);
      if (id === workflow.workflowId)
        checker.add([...at, 'dependsOn', i], 'a workflow cannot depend on itself');
    });
    const inputs = workflow.inputs;
    if (isRecord(inputs) && typeof inputs.$ref === 'string') {
      const name = /^#\/components\/inputs\/(.+)$/.exec(inputs.$ref)?.[1];
      if (!name || !document.components?.inputs?.[name])
        checker.add([...at, 'inputs', '$ref'], `"${inputs.$ref}" names no components.inputs entry`);
    }
    workflow.steps.forEach((step, s) =>
      checkStep(checker, document, workflow, step, [...at, 'steps', s]),
    );
    checkActions(
      checker,
      document,
      workflow,
      [...at, 'successActions'],
      workflow.successActions,
      'successActions',
    );
    checkActions(
      checker,
      document,
      workflow,
      [...at, 'failureActions'],
      workflow.failureActions,
      'failureActions',
    );
    for (const [name, expression] of Object.entries(workflow.outputs ?? {}))
      checkExpression(checker, [...at, 'outputs', name], expression);
  });
  return checker.problems;
}

export function loadArazzo(text: string, url: string): ArazzoLoadResult {
  if (text.trim() === '')
    return { ok: false, errors: [{ pointer: '', message: 'The Arazzo document is empty' }] };
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const pos = syntax.linePos?.[0];
    const reason = syntax.message.split(/ at line \d+/)[0]?.trim() ?? syntax.message;
    return {
      ok: false,
      errors: [
        {
          pointer: '',
          message: `Not valid YAML or JSON${pos ? ` at line ${pos.line}, column ${pos.col}` : ''}: ${reason}`,
          ...(pos ? { line: pos.line } : {}),
        },
      ],
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 }) as unknown;
  } catch (cause) {
    return {
      ok: false,
      errors: [{ pointer: '', message: `The document cannot be read: ${String(cause)}` }],
    };
  }
  const withPlace = (problems: Array<{ pointer: string; message: string }>): ArazzoProblem[] =>
    problems.map((p) => {
      const line = lineOf(doc, counter, p.pointer);
      return {
        pointer: p.pointer,
        message: `${describePlace(value, p.pointer)}: ${p.message}`,
        ...(line !== undefined ? { line } : {}),
      };
    });
  if (!isRecord(value) || (!('arazzo' in value) && ('openapi' in value || 'swagger' in value))) {
    return {
      ok: false,
      errors: [
        {
          pointer: '',
          message: isRecord(value)
            ? 'This is an OpenAPI definition, not an Arazzo document: add it as an API instead'
            : 'An Arazzo document is an object with arazzo, info, sourceDescriptions and workflows',
        },
      ],
    };
  }
  const validation = schemaValidator().validate(value);
  if (!validation.valid) return { ok: false, errors: withPlace(schemaProblems(validation.errors)) };
  const document = value as unknown as ArazzoDocument;
  const references = checkReferences(document);
  if (references.length > 0) return { ok: false, errors: withPlace(references) };
  return { ok: true, document, url };
}
