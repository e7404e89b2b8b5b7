import type { ApiDefinition } from '../../core/definition/api-model';
import { findBesOperations, type BesStep } from '../../core/batch/batch-operations';
import { BES_LABELS, type CallRecord } from '../../core/batch/bes-calls';
import type { ResponseCheckTarget } from '../../components/response/response-check-summary';

/**
 * What each batch call's response is checked against: a BES call's operation in the
 * definition. Blob storage and the demo SAS calls are not the API's, so they get no check.
 */
export function callCheckTargets(
  api: Pick<ApiDefinition, 'operations' | 'specVersion'>,
): (record: CallRecord) => ResponseCheckTarget | undefined {
  const lookup = findBesOperations(api);
  const steps = Object.entries(BES_LABELS) as Array<[BesStep, string]>;
  return (record) => {
    if (!lookup.ok) return undefined;
    const step = steps.find(([, label]) => label === record.label)?.[0];
    return step ? { operation: lookup.operations[step], specVersion: api.specVersion } : undefined;
  };
}
