/**
 * Runs one workflow of a bound Arazzo document, step by step, as an async stream of events the
 * workflows view renders live. Each operation step becomes the console's own request
 * (buildRequest: parameters and body from the step, credentials from the environment or the
 * run, never from the document) and goes through the `send` seam the console uses. Success
 * criteria, onSuccess / onFailure actions (end, goto, retry with a Retry-After header overruling
 * retryAfter), outputs and dependsOn follow the Arazzo 1.0.1 specification. Aborting the
 * signal stops the run at once, even in the middle of a wait.
 */
import type { ApiOperation } from '../definition/api-model';
import { buildRequest } from '../request/build-request';
import type { HttpRequest, TryItValues } from '../request/http-request';
import type { HttpResponse } from '../request/send-request';
import { evaluateCriteria } from './criteria';
import {
  evaluateExpression,
  resolveValue,
  spliceText,
  type ExpressionContext,
} from './runtime-expression';
import type {
  ArazzoCriterion,
  ArazzoFailureAction,
  ArazzoParameter,
  ArazzoReusable,
  ArazzoStep,
  ArazzoSuccessAction,
  ArazzoWorkflow,
  BoundArazzo,
  BoundStep,
  WorkflowEvent,
  WorkflowFailure,
  WorkflowRunDeps,
} from './workflow-types';

const DEFAULT_MAX_STEP_RUNS = 1000;

class RunStopped extends Error {
  constructor(readonly failure: WorkflowFailure) {
    super(failure.message);
  }
}

type Outcome =
  | { kind: 'success'; outputs: Record<string, unknown> }
  | { kind: 'failure'; failure: WorkflowFailure };

type WorkflowGotoTarget = { stepId: string } | { workflowId: string };

interface RunState {
  bound: BoundArazzo;
  deps: WorkflowRunDeps;
  stepRuns: number;
  /** workflowId -> its inputs and outputs once run (for $workflows.<id>...). */
  workflows: Record<string, { inputs: Record<string, unknown>; outputs: Record<string, unknown> }>;
  /** Workflows finished with success (dependsOn runs each once). */
  completed: Set<string>;
}

function isReusable(value: unknown): value is ArazzoReusable {
  return typeof value === 'object' && value !== null && 'reference' in value;
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

function cancelled(): WorkflowFailure {
  return { kind: 'cancelled', message: 'The run was cancelled.' };
}

/**
 * Seconds or an HTTP date, as RFC 9110 allows; undefined when absent or unreadable. A date is
 * counted from when the response arrived.
 */
export function retryAfterMs(
  headers: ReadonlyArray<readonly [string, string]>,
  receivedAt: number,
): number | undefined {
  const raw = headers.find(([name]) => name.toLowerCase() === 'retry-after')?.[1]?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.round(Number(raw) * 1000);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - receivedAt);
}

/** The body as expressions read it: JSON parsed when it is JSON, else its text. */
export function responseBodyValue(response: Pick<HttpResponse, 'body' | 'contentType'>): unknown {
  if (response.body.byteLength === 0) return undefined;
  const text = new TextDecoder().decode(response.body);
  if (/json/i.test(response.contentType) || /^\s*[[{]/.test(text)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/** A copy of `value` with the JSON pointer's target set (a payload replacement). */
export function setAtPointer(value: unknown, pointer: string, replacement: unknown): unknown {
  const tokens =
    pointer === '' || pointer === '/'
      ? []
      : pointer
          .replace(/^#/, '')
          .slice(1)
          .split('/')
          .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (tokens.length === 0) return replacement;
  const root: unknown = structuredClone(value ?? {});
  let node = root as Record<string, unknown> | unknown[];
  tokens.forEach((token, i) => {
    const last = i === tokens.length - 1;
    const key: string | number = Array.isArray(node)
      ? token === '-'
        ? node.length
        : Number(token)
      : token;
    if (last) {
      (node as Record<string | number, unknown>)[key] = replacement;
      return;
    }
    const next = (node as Record<string | number, unknown>)[key];
    if (typeof next !== 'object' || next === null) {
      const created = /^\d+$/.test(tokens[i + 1] ?? '') ? [] : {};
      (node as Record<string | number, unknown>)[key] = created;
      node = created;
    } else node = next as Record<string, unknown> | unknown[];
  });
  return root;
}

function bodyText(payload: unknown, contentType: string): string | undefined {
  if (payload === undefined) return undefined;
  if (typeof payload === 'string') return payload;
  if (/x-www-form-urlencoded/i.test(contentType) && typeof payload === 'object' && payload) {
    return new URLSearchParams(
      Object.entries(payload).map(([k, v]) => [k, spliceText(v)] as [string, string]),
    ).toString();
  }
  return JSON.stringify(payload);
}

/** Parameters of the workflow and the step, reusable ones resolved; the step's win. */
function stepParameters(
  state: RunState,
  workflow: ArazzoWorkflow,
  step: ArazzoStep,
): ArazzoParameter[] {
  const components = state.bound.document.components?.parameters ?? {};
  const expand = (list: ReadonlyArray<ArazzoParameter | ArazzoReusable> | undefined) =>
    (list ?? []).flatMap((item): ArazzoParameter[] => {
      if (!isReusable(item)) return [item];
      const name = item.reference.replace(/^\$components\.parameters\./, '');
      const target = components[name];
      if (!target) return [];
      return [item.value !== undefined ? { ...target, value: item.value } : target];
    });
  const merged = new Map<string, ArazzoParameter>();
  for (const p of [...expand(workflow.parameters), ...expand(step.parameters)])
    merged.set(`${p.in ?? ''}:${p.name}`, p);
  return [...merged.values()];
}

function resolveOrStop(value: unknown, context: ExpressionContext, stepId: string): unknown {
  const result = resolveValue(value, context);
  if (!result.ok) throw new RunStopped({ kind: 'expression', stepId, message: result.message });
  return result.value;
}

/** `x-security` (Respect's extension): which scheme gets which credential, from the run. */
function stepCredentials(step: ArazzoStep, context: ExpressionContext): Record<string, string> {
  const entries = step['x-security'];
  const credentials: Record<string, string> = {};
  if (!Array.isArray(entries)) return credentials;
  for (const entry of entries as Array<{ schemeName?: unknown; values?: unknown }>) {
    if (typeof entry.schemeName !== 'string' || typeof entry.values !== 'object' || !entry.values)
      continue;
    const values = entry.values as Record<string, unknown>;
    const pick = (key: string): string => {
      const result = resolveValue(values[key], context);
      return result.ok && result.value !== undefined && result.value !== null
        ? spliceText(result.value)
        : '';
    };
    const secret =
      pick('token') ||
      pick('apiKey') ||
      (pick('username') ? `${pick('username')}:${pick('password')}` : '') ||
      pick('accessToken');
    // An empty value leaves the environment's credential in place.
    if (secret !== '') credentials[entry.schemeName] = secret;
  }
  return credentials;
}

/** The try-it values an operation step amounts to. */
function stepValues(
  state: RunState,
  workflow: ArazzoWorkflow,
  step: ArazzoStep,
  operation: ApiOperation,
  context: ExpressionContext,
): { values: TryItValues; payload: unknown } {
  const values: TryItValues = {
    path: {},
    query: {},
    headers: {},
    cookies: {},
    customHeaders: [],
  };
  // Header names are case-insensitive: a step's header is sent under the name declared for it.
  const declaredHeaders = new Map(
    operation.parameters
      .filter((p) => p.in === 'header')
      .map((p) => [p.name.toLowerCase(), p.name]),
  );
  for (const parameter of stepParameters(state, workflow, step)) {
    const value = spliceText(resolveOrStop(parameter.value, context, step.stepId));
    switch (parameter.in) {
      case 'path':
        values.path[parameter.name] = value;
        break;
      case 'query':
        values.query[parameter.name] = value;
        break;
      case 'cookie':
        (values.cookies ??= {})[parameter.name] = value;
        break;
      case 'header': {
        // The console sends only declared, non-reserved header parameters; a header the
        // operation does not declare (or Accept, Authorization...) goes as a custom header.
        const declared = declaredHeaders.get(parameter.name.toLowerCase());
        if (declared !== undefined && !/^(accept|content-type|authorization)$/i.test(declared))
          values.headers[declared] = value;
        else values.customHeaders.push({ name: parameter.name, value });
        break;
      }
      default:
        break;
    }
  }
  let payload: unknown;
  if (step.requestBody) {
    payload = resolveOrStop(step.requestBody.payload, context, step.stepId);
    for (const replacement of step.requestBody.replacements ?? []) {
      const value = resolveOrStop(replacement.value, context, step.stepId);
      const structured = typeof payload === 'string' ? safeJson(payload) : payload;
      payload = setAtPointer(structured, replacement.target, value);
    }
    const contentType =
      step.requestBody.contentType ??
      operation.requestBody?.content[0]?.contentType ??
      'application/json';
    values.contentType = contentType;
    const text = bodyText(payload, contentType);
    if (text !== undefined) values.body = text;
  }
  return { values, payload };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function queryOf(url: string): Record<string, string> {
  const query: Record<string, string> = {};
  const search = url.split('#')[0]?.split('?')[1];
  if (search) for (const [k, v] of new URLSearchParams(search)) query[k] = v;
  return query;
}

function resolveAction<T extends ArazzoSuccessAction | ArazzoFailureAction>(
  state: RunState,
  item: T | ArazzoReusable,
  kind: 'successActions' | 'failureActions',
): T | undefined {
  if (!isReusable(item)) return item;
  const name = item.reference.replace(`$components.${kind}.`, '');
  return state.bound.document.components?.[kind]?.[name] as T | undefined;
}

function firstMatching<T extends { criteria?: ArazzoCriterion[] }>(
  actions: readonly T[],
  context: ExpressionContext,
): T | undefined {
  return actions.find((action) => evaluateCriteria(action.criteria, context).passed);
}

/** Outputs as the expressions name them; an unreadable one stops the run. */
function evaluateOutputs(
  outputs: Record<string, string> | undefined,
  context: ExpressionContext,
  stepId: string | undefined,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, expression] of Object.entries(outputs ?? {})) {
    const result = evaluateExpression(expression, context);
    if (!result.ok)
      throw new RunStopped({
        kind: 'expression',
        ...(stepId !== undefined ? { stepId } : {}),
        message: result.message,
      });
    values[name] = result.value;
  }
  return values;
}

interface StepResult {
  passed: boolean;
  failureMessage: string;
  response?: HttpResponse;
  /** What the step saw, with its outputs in `steps`: actions' criteria are read against it. */
  context: ExpressionContext;
}

interface WorkflowScope {
  workflow: ArazzoWorkflow;
  inputs: Record<string, unknown>;
  stepOutputs: Record<string, { outputs: Record<string, unknown> }>;
  context(): ExpressionContext;
}

/** One execution of one step: request, response, criteria and outputs, no actions. */
async function* executeStep(
  state: RunState,
  scope: WorkflowScope,
  boundStep: BoundStep,
  attempt: number,
): AsyncGenerator<WorkflowEvent, StepResult> {
  const { deps } = state;
  const { workflow } = scope;
  const workflowId = workflow.workflowId;
  const step = boundStep.step;
  if (deps.signal.aborted) throw new RunStopped(cancelled());
  state.stepRuns += 1;
  if (state.stepRuns > (deps.maxStepRuns ?? DEFAULT_MAX_STEP_RUNS))
    throw new RunStopped({
      kind: 'loop',
      message: `The run stopped after ${state.stepRuns - 1} step executions: the workflow's goto and retry actions seem to loop.`,
    });
  yield { type: 'step-start', workflowId, stepId: step.stepId, attempt, at: deps.now() };

  let context: ExpressionContext;
  let passed: boolean;
  let failureMessage: string;
  let response: HttpResponse | undefined;
  if (boundStep.kind === 'workflow') {
    const nestedInputs: Record<string, unknown> = {};
    for (const parameter of stepParameters(state, workflow, step))
      nestedInputs[parameter.name] = resolveOrStop(parameter.value, scope.context(), step.stepId);
    const outcome = yield* runOne(state, boundStep.workflowId, nestedInputs);
    context = { ...scope.context(), outputs: outcome.kind === 'success' ? outcome.outputs : {} };
    passed = outcome.kind === 'success';
    failureMessage =
      outcome.kind === 'failure' ? outcome.failure.message : `Step "${step.stepId}" failed.`;
    if (passed && step.successCriteria) {
      const criteria = evaluateCriteria(step.successCriteria, context);
      yield {
        type: 'criteria',
        workflowId,
        stepId: step.stepId,
        results: criteria.results,
        passed: criteria.passed,
      };
      passed = criteria.passed;
      failureMessage = `Step "${step.stepId}" did not meet its success criteria.`;
    }
  } else {
    const { operation, source } = boundStep;
    const before = scope.context();
    const { values, payload } = stepValues(state, workflow, step, operation, before);
    const environment = deps.environment(source);
    const credentials = {
      ...environment.credentials,
      ...deps.credentials,
      ...stepCredentials(step, before),
    };
    const request: HttpRequest = buildRequest(
      operation,
      values,
      { baseUrl: environment.baseUrl, credentials },
      source.definition.securitySchemes,
    );
    yield {
      type: 'request',
      workflowId,
      stepId: step.stepId,
      apiId: source.apiId,
      operation,
      request,
      at: deps.now(),
    };
    failureMessage = `Step "${step.stepId}" failed.`;
    try {
      response = await deps.send(request, deps.signal);
    } catch (error) {
      if (deps.signal.aborted || isAbort(error)) throw new RunStopped(cancelled());
      failureMessage = `Step "${step.stepId}" could not be sent: ${error instanceof Error ? error.message : String(error)}`;
    }
    context = {
      ...before,
      url: request.url,
      method: request.method,
      request: {
        headers: request.headers.map((h) => [h.name, h.value] as const),
        query: queryOf(request.url),
        path: values.path,
        body: payload,
      },
      ...(response
        ? {
            statusCode: response.status,
            response: { headers: response.headers, body: responseBodyValue(response) },
          }
        : {}),
    };
    if (response) {
      yield { type: 'response', workflowId, stepId: step.stepId, response, at: deps.now() };
      // Without success criteria, a step succeeds as HTTP says: any status below 400.
      const criteria = step.successCriteria
        ? evaluateCriteria(step.successCriteria, context)
        : {
            passed: response.status < 400,
            results: [
              { criterion: { condition: '$statusCode < 400' }, passed: response.status < 400 },
            ],
          };
      yield {
        type: 'criteria',
        workflowId,
        stepId: step.stepId,
        results: criteria.results,
        passed: criteria.passed,
      };
      passed = criteria.passed;
      failureMessage = `Step "${step.stepId}" did not meet its success criteria (HTTP ${response.status}).`;
    } else passed = false;
  }

  const outputs = evaluateOutputs(step.outputs, context, step.stepId);
  scope.stepOutputs[step.stepId] = { outputs };
  yield { type: 'step-end', workflowId, stepId: step.stepId, passed, outputs, at: deps.now() };
  return {
    passed,
    failureMessage,
    ...(response ? { response } : {}),
    context: { ...context, steps: scope.stepOutputs },
  };
}

async function* runOne(
  state: RunState,
  workflowId: string,
  inputs: Record<string, unknown>,
): AsyncGenerator<WorkflowEvent, Outcome> {
  const { bound, deps } = state;
  const workflow = bound.document.workflows.find((w) => w.workflowId === workflowId);
  const steps = bound.steps.get(workflowId);
  if (!workflow || !steps) {
    const missing: Outcome = {
      kind: 'failure',
      failure: { kind: 'dependency', workflowId, message: `There is no workflow "${workflowId}".` },
    };
    yield { type: 'workflow-end', workflowId, at: deps.now(), outcome: missing };
    return missing;
  }

  for (const dependency of workflow.dependsOn ?? []) {
    if (state.completed.has(dependency)) continue;
    const outcome = yield* runOne(state, dependency, inputs);
    if (outcome.kind === 'failure') {
      const failed: Outcome = {
        kind: 'failure',
        failure: {
          kind: 'dependency',
          workflowId: dependency,
          message: `Workflow "${workflowId}" depends on "${dependency}", which failed: ${outcome.failure.message}`,
        },
      };
      // The workflow asked for ends too, so a run always closes with its own workflow-end.
      yield { type: 'workflow-end', workflowId, at: deps.now(), outcome: failed };
      return failed;
    }
  }

  yield { type: 'workflow-start', workflowId, at: deps.now() };
  state.workflows[workflowId] = { inputs, outputs: {} };
  const scope: WorkflowScope = {
    workflow,
    inputs,
    stepOutputs: {},
    context: () => ({
      inputs,
      outputs: state.workflows[workflowId]?.outputs ?? {},
      steps: scope.stepOutputs,
      workflows: state.workflows,
      sourceDescriptions: Object.fromEntries(
        bound.document.sourceDescriptions.map((s) => [s.name, s]),
      ),
      components: (bound.document.components ?? {}) as Record<string, unknown>,
    }),
  };
  const finish = (outcome: Outcome): WorkflowEvent => ({
    type: 'workflow-end',
    workflowId,
    at: deps.now(),
    outcome,
  });
  const indexOf = (stepId: string) => steps.findIndex((s) => s.step.stepId === stepId);
  const gotoEvent = (from: string, action: string, to: WorkflowGotoTarget): WorkflowEvent => ({
    type: 'goto',
    workflowId,
    fromStepId: from,
    action,
    to,
  });

  let index = 0;
  // Retries made of the current step, per failure action (each has its own retryLimit, as in
  // Respect), and in all (the attempt number shown).
  let retries = new Map<ArazzoFailureAction, number>();
  let attempt = 1;
  try {
    steps: while (index < steps.length) {
      const boundStep = steps[index] as BoundStep;
      const step = boundStep.step;
      const result = yield* executeStep(state, scope, boundStep, attempt);

      if (result.passed) {
        retries = new Map();
        attempt = 1;
        const actions = [...(step.onSuccess ?? []), ...(workflow.successActions ?? [])]
          .map((a) => resolveAction<ArazzoSuccessAction>(state, a, 'successActions'))
          .filter((a): a is ArazzoSuccessAction => a !== undefined);
        const action = firstMatching(actions, result.context);
        if (action?.type === 'end') break;
        if (action?.type === 'goto' && action.stepId !== undefined) {
          yield gotoEvent(step.stepId, action.name, { stepId: action.stepId });
          index = indexOf(action.stepId);
          continue;
        }
        if (action?.type === 'goto' && action.workflowId !== undefined) {
          // A one-way transfer: this workflow ends with the one it hands over to.
          yield gotoEvent(step.stepId, action.name, { workflowId: action.workflowId });
          const outcome = yield* runOne(state, action.workflowId, inputs);
          if (outcome.kind === 'failure') throw new RunStopped(outcome.failure);
          break;
        }
        index += 1;
        continue;
      }

      // The first failure action whose criteria hold decides; a retry whose limit is spent
      // gives way to the next one, as the specification asks.
      const actions = [...(step.onFailure ?? []), ...(workflow.failureActions ?? [])]
        .map((a) => resolveAction<ArazzoFailureAction>(state, a, 'failureActions'))
        .filter((a): a is ArazzoFailureAction => a !== undefined)
        .filter((a) => evaluateCriteria(a.criteria, result.context).passed);
      let retrySpent = false;
      for (const action of actions) {
        if (action.type === 'retry') {
          const limit = action.retryLimit ?? 1;
          const made = retries.get(action) ?? 0;
          if (made >= limit) {
            retrySpent = true;
            continue;
          }
          retries.set(action, made + 1);
          attempt += 1;
          const { response } = result;
          const header = response ? retryAfterMs(response.headers, response.receivedAt) : undefined;
          const ms = header ?? Math.round((action.retryAfter ?? 0) * 1000);
          yield {
            type: 'retry-wait',
            workflowId,
            stepId: step.stepId,
            retry: made + 1,
            retryLimit: limit,
            ms,
            retryAfterHeader: header !== undefined,
            action: action.name,
            reason: response
              ? `HTTP ${response.status}${header !== undefined ? ` with Retry-After: ${String(ms / 1000)} s` : ''}`
              : result.failureMessage,
            until: deps.now() + ms,
          };
          try {
            await deps.sleep(ms, deps.signal);
          } catch (error) {
            if (deps.signal.aborted || isAbort(error)) throw new RunStopped(cancelled());
            throw error;
          }
          if (deps.signal.aborted) throw new RunStopped(cancelled());
          // "If a stepId or workflowId are specified, then the reference is executed and the
          // context is returned, after which the current step is retried."
          if (action.workflowId !== undefined) {
            const outcome = yield* runOne(state, action.workflowId, inputs);
            if (outcome.kind === 'failure') throw new RunStopped(outcome.failure);
          } else if (action.stepId !== undefined && action.stepId !== step.stepId) {
            const target = steps[indexOf(action.stepId)];
            if (target) {
              const detour = yield* executeStep(state, scope, target, 1);
              if (!detour.passed)
                throw new RunStopped({
                  kind: 'criteria',
                  stepId: target.step.stepId,
                  message: detour.failureMessage,
                });
            }
          }
          continue steps;
        }
        if (action.type === 'end') break;
        if (action.stepId !== undefined) {
          yield gotoEvent(step.stepId, action.name, { stepId: action.stepId });
          retries = new Map();
          attempt = 1;
          index = indexOf(action.stepId);
          continue steps;
        }
        if (action.workflowId !== undefined) {
          yield gotoEvent(step.stepId, action.name, { workflowId: action.workflowId });
          const outcome = yield* runOne(state, action.workflowId, inputs);
          throw new RunStopped(
            outcome.kind === 'failure'
              ? outcome.failure
              : { kind: 'criteria', stepId: step.stepId, message: result.failureMessage },
          );
        }
      }
      throw new RunStopped(
        retrySpent
          ? {
              kind: 'retry-limit',
              stepId: step.stepId,
              message: `${result.failureMessage} Its retries are spent.`,
            }
          : result.response
            ? { kind: 'criteria', stepId: step.stepId, message: result.failureMessage }
            : { kind: 'send', stepId: step.stepId, message: result.failureMessage },
      );
    }

    const outputs = evaluateOutputs(workflow.outputs, scope.context(), undefined);
    state.workflows[workflowId] = { inputs, outputs };
    state.completed.add(workflowId);
    const outcome: Outcome = { kind: 'success', outputs };
    yield finish(outcome);
    return outcome;
  } catch (error) {
    if (!(error instanceof RunStopped)) throw error;
    const outcome: Outcome = { kind: 'failure', failure: error.failure };
    yield finish(outcome);
    return outcome;
  }
}

export async function* runWorkflow(
  bound: BoundArazzo,
  workflowId: string,
  inputs: Record<string, unknown>,
  deps: WorkflowRunDeps,
): AsyncGenerator<WorkflowEvent> {
  const state: RunState = { bound, deps, stepRuns: 0, workflows: {}, completed: new Set() };
  yield* runOne(state, workflowId, inputs);
}
