/**
 * The parameter values each batch step sends. The batch view builds every call through core
 * buildRequest with these values, so what it sends is exactly what the console would send for
 * the same operation.
 */
import type { ApiOperation } from '../definition/api-model';
import type { BesOperations } from './batch-operations';

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
