/**
 * The four BES operations of an API definition and the parameter values each batch step
 * sends. The batch view builds every call through core buildRequest with these values, so
 * what it sends is exactly what the console would send for the same operation.
 */
import type { ApiOperation, ApiOperationSummary } from '../definition/api-model';

export const BES_OPERATION_IDS = {
  submit: 'BES_Submit',
  start: 'BES_Start',
  status: 'BES_Status',
  delete: 'BES_Delete',
} as const;

export type BesStep = keyof typeof BES_OPERATION_IDS;

export type BesOperations<Op extends ApiOperationSummary = ApiOperation> = Record<BesStep, Op>;

export type BesLookup<Op extends ApiOperationSummary = ApiOperation> =
  { ok: true; operations: BesOperations<Op> } | { ok: false; missing: string[] };

/** Works on summaries too (a catalog): which operations a batch needs is known before details. */
export function findBesOperations<Op extends ApiOperationSummary>(api: {
  operations: readonly Op[];
}): BesLookup<Op> {
  const found: Partial<BesOperations<Op>> = {};
  const missing: string[] = [];
  for (const [step, operationId] of Object.entries(BES_OPERATION_IDS) as Array<[BesStep, string]>) {
    const op = api.operations.find((o) => o.operationId === operationId);
    if (op) found[step] = op;
    else missing.push(operationId);
  }
  if (missing.length > 0) return { ok: false, missing };
  return { ok: true, operations: found as BesOperations<Op> };
}

export function hasBesOperations(api: { operations: readonly ApiOperationSummary[] }): boolean {
  return findBesOperations(api).ok;
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** A parameter's value as the console would prefill it: example, else default, else "". */
export function prefillValue(op: ApiOperation, name: string): string {
  const param = op.parameters.find((p) => p.name === name);
  if (!param) return '';
  return scalarText(param.example) ?? scalarText(param.default) ?? '';
}

/** The workspace and service the batch view starts with: the submit operation's examples. */
export function defaultServicePath(ops: BesOperations): { workspace: string; service: string } {
  return {
    workspace: prefillValue(ops.submit, 'workspace'),
    service: prefillValue(ops.submit, 'service'),
  };
}

export interface StepValues {
  path: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
}

/**
 * Path, query and header values for one step: every parameter the operation declares gets
 * its prefill, then the workspace, service and job id the view knows win.
 */
export function stepValues(
  op: ApiOperation,
  known: { workspace: string; service: string; jobId?: string },
): StepValues {
  const values: StepValues = { path: {}, query: {}, headers: {} };
  for (const param of op.parameters) {
    const prefill = prefillValue(op, param.name);
    if (param.in === 'path') values.path[param.name] = prefill;
    else if (param.in === 'query' && (param.required || prefill !== ''))
      values.query[param.name] = prefill;
    else if (param.in === 'header' && param.required) values.headers[param.name] = prefill;
  }
  if ('workspace' in values.path) values.path.workspace = known.workspace;
  if ('service' in values.path) values.path.service = known.service;
  if (known.jobId !== undefined) {
    const jobParam = op.parameters.find((p) => p.in === 'path' && /^job_?id$/i.test(p.name));
    if (jobParam) values.path[jobParam.name] = known.jobId;
  }
  return values;
}
