/**
 * The four BES operations of an API definition (the sidebar and routes ask whether an API has
 * them on the first page; the values each step sends are in bes-step-values.ts, with the batch
 * view).
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
