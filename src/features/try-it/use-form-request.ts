import { useMemo } from 'react';
import { useWatch, type Control } from 'react-hook-form';
import type { ApiDefinitionHead, ApiOperation } from '../../core/definition/api-model';
import { buildRequest, type HttpRequest, type TryItValues } from '../../core/request/build-request';
import type { Environment } from '../../core/config/portal-config';
import { toTryItValues, type TryItFormValues } from './try-it-values';

export interface FormRequestOptions {
  control: Control<TryItFormValues>;
  api: ApiDefinitionHead;
  operation: ApiOperation;
  environment: Environment | undefined;
  contentType: string | undefined;
}

export interface FormRequest {
  /** What Send would send now; undefined without an environment. */
  request: HttpRequest | undefined;
  /** The values it was built from (History keeps them as the form to restore). */
  values: TryItValues;
}

/**
 * The one request the form describes, built once per change of the form: the "Will call"
 * preview, the code samples and Send all take this object, so what is shown is what is sent.
 */
export function useFormRequest({
  control,
  api,
  operation,
  environment,
  contentType,
}: FormRequestOptions): FormRequest {
  const form = useWatch({ control }) as TryItFormValues;
  return useMemo(() => {
    const values = toTryItValues(operation, form, contentType);
    return {
      values,
      request: environment
        ? buildRequest(operation, values, environment, api.securitySchemes)
        : undefined,
    };
  }, [form, operation, contentType, environment, api.securitySchemes]);
}
