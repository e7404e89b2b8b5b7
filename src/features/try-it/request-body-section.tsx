import { useId, useMemo } from 'react';
import { Controller, useWatch, type Control, type UseFormReturn } from 'react-hook-form';
import type { ApiRequestBody } from '../../core/definition/api-model';
import { checkJson, formatJson } from '../../core/request/json-body';
import { JsonEditor } from '../../components/json-editor';
import type { Environment } from '../../core/config/portal-config';
import { checkBody, type TryItFormValues } from './try-it-values';
import { ExampleValues } from './example-values';

export interface RequestBodySectionProps {
  form: UseFormReturn<TryItFormValues>;
  requestBody: ApiRequestBody;
  contentType: string | undefined;
  /** Whether the starting body was made up from the schema rather than taken from an example. */
  generated: boolean;
  json: boolean;
  /** Where the local demo's sample and SAS come from, to fill the example's blob references. */
  environment: Environment | undefined;
}

/** The body editor: checked as JSON when the media type is JSON, with the error marked in place. */
export function RequestBodySection({
  form,
  requestBody,
  contentType,
  generated,
  json,
  environment,
}: RequestBodySectionProps) {
  const { control, getValues, setValue, trigger, formState } = form;
  const errorId = `${useId()}-body-error`;
  const error = formState.errors.body?.message;
  const errorAt = useBodyErrorPosition(control, json, Boolean(error));
  return (
    <div className="try-it__group try-it__body">
      <div className="try-it__body-head">
        <span className="try-it__legend">
          Request body
          {requestBody.required && (
            <span className="field__required" aria-hidden="true">
              {' '}
              *
            </span>
          )}
        </span>
        {contentType && <code className="try-it__content-type">{contentType}</code>}
        {generated && <span className="field__hint">Generated from the schema</span>}
        {json && (
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              // Invalid JSON is left as typed; validating shows where it breaks instead.
              const text = getValues('body');
              if (checkJson(text).ok) setValue('body', formatJson(text), { shouldDirty: true });
              void trigger('body');
            }}
          >
            Format
          </button>
        )}
      </div>
      <Controller
        control={control}
        name="body"
        rules={{ validate: (text) => checkBody(text, { required: requestBody.required, json }) }}
        render={({ field }) => (
          <JsonEditor
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            label="Request body"
            language={json ? 'json' : 'text'}
            invalid={Boolean(error)}
            describedBy={error ? errorId : undefined}
            {...(errorAt ? { errorAt } : {})}
          />
        )}
      />
      {error && (
        <p id={errorId} className="field__error" role="alert">
          {error}
        </p>
      )}
      <ExampleValues form={form} environment={environment} json={json} contentType={contentType} />
    </div>
  );
}

/** The error's position, read from the current body so the mark follows what is on screen. */
function useBodyErrorPosition(
  control: Control<TryItFormValues>,
  json: boolean,
  hasError: boolean,
): { line: number; column: number } | undefined {
  const text = useWatch({ control, name: 'body' });
  return useMemo(() => {
    if (!json || !hasError || text.trim() === '') return undefined;
    const r = checkJson(text);
    return r.ok ? undefined : { line: r.line, column: r.column };
  }, [text, json, hasError]);
}
