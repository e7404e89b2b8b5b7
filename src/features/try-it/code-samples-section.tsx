import { useMemo, useState } from 'react';
import { useWatch, type Control } from 'react-hook-form';
import type { ApiDefinitionHead, ApiOperation } from '../../core/definition/api-model';
import { buildRequest, type HttpRequest, type TryItValues } from '../../core/request/build-request';
import type { Environment } from '../../core/config/portal-config';
import { CodeSamples } from './code-samples';
import type { TryItFormValues } from './try-it-values';

export interface CodeSamplesSectionProps {
  control: Control<TryItFormValues>;
  operation: ApiOperation;
  environment: Environment | undefined;
  api: ApiDefinitionHead;
  toTryItValues: (values: TryItFormValues) => TryItValues;
  /** Shown instead when the form's values cannot be built into a request. */
  sent: HttpRequest | undefined;
}

/** Collapsed by default: samples are built only while open, not on every key stroke. */
export function CodeSamplesSection({
  control,
  operation,
  environment,
  api,
  toTryItValues,
  sent,
}: CodeSamplesSectionProps) {
  const [open, setOpen] = useState(false);
  const values = useWatch({ control }) as TryItFormValues;
  // Built from what is in the form now, by the same function that builds the sent request.
  const request = useMemo(() => {
    if (!open || !environment) return undefined;
    try {
      return buildRequest(operation, toTryItValues(values), environment, api.securitySchemes);
    } catch {
      return sent;
    }
  }, [open, environment, operation, toTryItValues, values, api.securitySchemes, sent]);
  return (
    <details
      className="try-it__samples"
      onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary className="try-it__samples-summary">Code samples</summary>
      {open && request && <CodeSamples request={request} />}
      {open && !environment && <p className="muted">Choose an environment to see code samples.</p>}
    </details>
  );
}
