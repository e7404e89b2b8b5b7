import type { ApiParameter } from '../definition/api-model';

/**
 * Azure ML online endpoints: the request header that picks a deployment regardless of the
 * traffic split, and the response header (same name) that says which one answered
 * (docs/reference/azureml-online-endpoints.md).
 */
export const DEPLOYMENT_HEADER = 'azureml-model-deployment';

/**
 * What leaving an optional choice empty means. For the deployment header, the endpoint's
 * traffic split chooses; for any other parameter, it is simply not sent.
 */
export function emptyChoiceLabel(parameter: Pick<ApiParameter, 'in' | 'name'>): string {
  return parameter.in === 'header' && parameter.name.toLowerCase() === DEPLOYMENT_HEADER
    ? 'automatic (the traffic split chooses)'
    : '(not sent)';
}
