/**
 * The public shape of Portico's Arazzo core (issue 21): an Arazzo 1.0.x document as loaded, the
 * same document bound to the portal's APIs, and the events a run emits. Plain data, no React:
 * the workflows UI renders these, and the runner and the History export produce them.
 *
 * Where the functions live (one per file, a Vitest test beside each):
 * - load-arazzo.ts        loadArazzo(text, url): ArazzoLoadResult
 * - bind-sources.ts       bindSources(document, available, documentUrl?): ArazzoBindResult
 * - run-workflow.ts       runWorkflow(bound, workflowId, inputs, deps): AsyncIterable<WorkflowEvent>
 * - history-to-arazzo.ts  historyToArazzo(entries, apis): string
 * - runtime-expression.ts, criteria.ts: the pieces the runner and the loader are made of.
 */
import type { ApiDefinition, ApiOperation, JsonSchema } from '../definition/api-model';
import type { Environment } from '../config/portal-config';
import type { HistoryEntry } from '../history/history-entry';
import type { HttpRequest } from '../request/http-request';
import type { HttpResponse } from '../request/send-request';

/** A problem in a document, named by a JSON pointer into it ("/workflows/0/steps/2/operationId"). */
export interface ArazzoProblem {
  pointer: string;
  /** Names the place in words too: `workflow "batch", step "submit": "stepId" is required here`. */
  message: string;
  /** 1-based line in the document's text, when the place can be found there. */
  line?: number;
}

// ---- The document (Arazzo 1.0.x; only what Portico reads is typed, the rest is kept as is) ----

export interface ArazzoInfo {
  title: string;
  version: string;
  summary?: string;
  description?: string;
}

export interface ArazzoSourceDescription {
  name: string;
  /** As written: relative to the Arazzo document's own URL. */
  url: string;
  type?: 'openapi' | 'arazzo';
}

export type ArazzoCriterionType =
  'simple' | 'regex' | 'jsonpath' | 'xpath' | { type: 'jsonpath' | 'xpath'; version: string };

export interface ArazzoCriterion {
  /** A runtime expression; required for regex and jsonpath. */
  context?: string;
  condition: string;
  /** Absent: simple. */
  type?: ArazzoCriterionType;
}

/** `{ reference: '$components.parameters.x', value? }` or `$components.successActions.x`. */
export interface ArazzoReusable {
  reference: string;
  value?: unknown;
}

export interface ArazzoParameter {
  name: string;
  /** Required for operation steps; absent for a step that calls a workflow. */
  in?: 'path' | 'query' | 'header' | 'cookie';
  /** A literal, or a runtime expression, or a string with `{$expressions}` embedded. */
  value: unknown;
}

export interface ArazzoPayloadReplacement {
  /** A JSON pointer (or XPath) into the payload. */
  target: string;
  value: unknown;
}

export interface ArazzoRequestBody {
  contentType?: string;
  payload?: unknown;
  replacements?: ArazzoPayloadReplacement[];
}

export interface ArazzoSuccessAction {
  name: string;
  type: 'end' | 'goto';
  workflowId?: string;
  stepId?: string;
  criteria?: ArazzoCriterion[];
}

export interface ArazzoFailureAction {
  name: string;
  type: 'end' | 'goto' | 'retry';
  workflowId?: string;
  stepId?: string;
  /** Seconds (may be fractional). A Retry-After header on the response overrules it. */
  retryAfter?: number;
  /** Retries allowed; absent on a retry action: the specification's default of 1. */
  retryLimit?: number;
  criteria?: ArazzoCriterion[];
}

export interface ArazzoStep {
  stepId: string;
  description?: string;
  /** Exactly one of operationId, operationPath, workflowId. */
  operationId?: string;
  operationPath?: string;
  workflowId?: string;
  parameters?: Array<ArazzoParameter | ArazzoReusable>;
  requestBody?: ArazzoRequestBody;
  successCriteria?: ArazzoCriterion[];
  onSuccess?: Array<ArazzoSuccessAction | ArazzoReusable>;
  onFailure?: Array<ArazzoFailureAction | ArazzoReusable>;
  /** Output name -> runtime expression. */
  outputs?: Record<string, string>;
  /** Specification extensions; Portico reads `x-security` (Redocly Respect's) for credentials. */
  [extension: `x-${string}`]: unknown;
}

export interface ArazzoWorkflow {
  workflowId: string;
  summary?: string;
  description?: string;
  /** A JSON Schema (type object) for the inputs; may be a $ref to components.inputs. */
  inputs?: JsonSchema;
  dependsOn?: string[];
  steps: ArazzoStep[];
  successActions?: Array<ArazzoSuccessAction | ArazzoReusable>;
  failureActions?: Array<ArazzoFailureAction | ArazzoReusable>;
  outputs?: Record<string, string>;
  parameters?: Array<ArazzoParameter | ArazzoReusable>;
}

export interface ArazzoComponents {
  inputs?: Record<string, JsonSchema>;
  parameters?: Record<string, ArazzoParameter>;
  successActions?: Record<string, ArazzoSuccessAction>;
  failureActions?: Record<string, ArazzoFailureAction>;
}

export interface ArazzoDocument {
  arazzo: string;
  info: ArazzoInfo;
  sourceDescriptions: ArazzoSourceDescription[];
  workflows: ArazzoWorkflow[];
  components?: ArazzoComponents;
}

export type ArazzoLoadResult =
  { ok: true; document: ArazzoDocument; url: string } | { ok: false; errors: ArazzoProblem[] };

// ---- Bound to Portico's APIs ----

/**
 * What the portal has to bind sources to. Keyed by the definition's absolute URL and by the API
 * id (put each API under both): a sourceDescription binds by its URL resolved against the
 * document's URL first, then by its name.
 */
export type AvailableApis = Map<string, { apiId: string; definition: ApiDefinition }>;

export interface BoundSource {
  name: string;
  apiId: string;
  definition: ApiDefinition;
}

export type BoundStep =
  | { kind: 'operation'; step: ArazzoStep; source: BoundSource; operation: ApiOperation }
  | { kind: 'workflow'; step: ArazzoStep; workflowId: string };

export interface BoundArazzo {
  document: ArazzoDocument;
  url: string;
  sources: BoundSource[];
  /** workflowId -> its steps in order, each bound to an operation or a workflow. */
  steps: Map<string, BoundStep[]>;
}

export type ArazzoBindResult =
  { ok: true; bound: BoundArazzo } | { ok: false; errors: ArazzoProblem[] };

// ---- A run ----

export interface WorkflowRunDeps {
  /** The console's own sender (send-request.ts, or the Mock environment's); throws SendError. */
  send(request: HttpRequest, signal: AbortSignal): Promise<HttpResponse>;
  /** Base URL and credentials for a source's API (the environment the user picked for it). */
  environment(source: BoundSource): Pick<Environment, 'baseUrl' | 'credentials'>;
  /** Keyed by security scheme id; override the environment's (e.g. a key typed for this run). */
  credentials?: Record<string, string>;
  signal: AbortSignal;
  /** Resolves after ms, rejects with an AbortError as soon as the signal aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** Epoch ms. */
  now(): number;
  /** Safety net against a goto loop: most step executions in one run (default 1000). */
  maxStepRuns?: number;
}

export interface CriterionResult {
  criterion: ArazzoCriterion;
  passed: boolean;
  /** Why it could not be evaluated (bad expression, bad regex, not JSON...). */
  error?: string;
}

export type WorkflowFailure =
  | { kind: 'criteria'; stepId: string; message: string }
  | { kind: 'send'; stepId: string; message: string }
  | { kind: 'expression'; stepId?: string; message: string }
  | { kind: 'retry-limit'; stepId: string; message: string }
  | { kind: 'dependency'; workflowId: string; message: string }
  | { kind: 'loop'; message: string }
  | { kind: 'cancelled'; message: string };

export type WorkflowEvent =
  | { type: 'workflow-start'; workflowId: string; at: number }
  | { type: 'step-start'; workflowId: string; stepId: string; attempt: number; at: number }
  /** The request as built (with credentials): redact with redactRequest before showing. */
  | {
      type: 'request';
      workflowId: string;
      stepId: string;
      apiId: string;
      operation: ApiOperation;
      request: HttpRequest;
      at: number;
    }
  | { type: 'response'; workflowId: string; stepId: string; response: HttpResponse; at: number }
  | {
      type: 'criteria';
      workflowId: string;
      stepId: string;
      results: CriterionResult[];
      passed: boolean;
    }
  | {
      type: 'retry-wait';
      workflowId: string;
      stepId: string;
      /** The retry about to be made (1 = first retry). */
      retry: number;
      retryLimit: number;
      ms: number;
      /** True when the response's Retry-After header set `ms` instead of the action's retryAfter. */
      retryAfterHeader: boolean;
      /** The failure action that asked for the retry. */
      action: string;
      reason: string;
      until: number;
    }
  | {
      type: 'goto';
      workflowId: string;
      fromStepId: string;
      action: string;
      to: { stepId: string } | { workflowId: string };
    }
  | {
      type: 'step-end';
      workflowId: string;
      stepId: string;
      passed: boolean;
      outputs: Record<string, unknown>;
      at: number;
    }
  | {
      type: 'workflow-end';
      workflowId: string;
      at: number;
      outcome:
        | { kind: 'success'; outputs: Record<string, unknown> }
        | { kind: 'failure'; failure: WorkflowFailure };
    };

// ---- Signatures (implemented in the files named at the top) ----

export type LoadArazzo = (text: string, url: string) => ArazzoLoadResult;
export type BindSources = (
  document: ArazzoDocument,
  available: AvailableApis,
  /** The document's URL (ArazzoLoadResult.url): relative source URLs resolve against it. */
  documentUrl?: string,
) => ArazzoBindResult;
export type RunWorkflow = (
  bound: BoundArazzo,
  workflowId: string,
  inputs: Record<string, unknown>,
  deps: WorkflowRunDeps,
) => AsyncIterable<WorkflowEvent>;

/**
 * History entries in the order the user picked them -> Arazzo YAML. `apis` is keyed by API id;
 * definitionUrl becomes the sourceDescription's url.
 */
export type HistoryToArazzo = (
  entries: readonly HistoryEntry[],
  apis: ReadonlyMap<string, { title: string; definitionUrl: string; definition: ApiDefinition }>,
) => string;
