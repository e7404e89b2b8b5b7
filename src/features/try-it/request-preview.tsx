import { useMemo } from 'react';
import { useWatch, type Control } from 'react-hook-form';
import type { ApiDefinitionHead, ApiOperation } from '../../core/definition/api-model';
import { buildRequest, redactRequest, type TryItValues } from '../../core/request/build-request';
import type { Environment } from '../../core/config/portal-config';
import type { TryItFormValues } from './try-it-values';

export interface RequestPreviewProps {
  control: Control<TryItFormValues>;
  operation: ApiOperation;
  environment: Environment;
  api: ApiDefinitionHead;
  toTryItValues: (values: TryItFormValues) => TryItValues;
}

/** The URL the form would call right now, secrets masked: path templating made visible. */
export function RequestPreview({
  control,
  operation,
  environment,
  api,
  toTryItValues,
}: RequestPreviewProps) {
  // Only the parameters shape the URL, so typing in the body does not rebuild it.
  const params = useWatch({ control, name: 'params' });
  const request = useMemo(
    () =>
      redactRequest(
        buildRequest(
          operation,
          toTryItValues({ params, customHeaders: [], body: '' }),
          environment,
          api.securitySchemes,
        ),
      ),
    [operation, toTryItValues, params, environment, api.securitySchemes],
  );
  return (
    <p className="try-it__preview">
      <span className="try-it__preview-label">Will call</span>
      <code className="try-it__preview-url">
        <span className="try-it__preview-method">{request.method}</span> {request.url}
      </code>
    </p>
  );
}
