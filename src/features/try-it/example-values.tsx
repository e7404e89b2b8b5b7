import { useMemo } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useWatch, type Control, type UseFormReturn } from 'react-hook-form';
import type { Environment } from '../../core/config/portal-config';
import { requestDemoSas } from '../../core/batch/bes-calls';
import {
  canFillFromDemo,
  fillFromDemo,
  sasTokenOf,
  type DemoFillResult,
} from '../../core/definition/fill-demo-example';
import { describePlaceholders, findPlaceholders } from '../../core/request/placeholder-values';
import { ErrorMessage } from '../../components/error-message';
import type { TryItFormValues } from './try-it-values';
import './example-values.css';

function isMarkup(contentType: string | undefined): boolean {
  return /[/+](?:xml|html)\b/i.test(contentType ?? '');
}

/** The placeholders left in the body as it is now (see core findPlaceholders). */
export function useBodyPlaceholders(
  control: Control<TryItFormValues>,
  json: boolean,
  contentType: string | undefined,
): string {
  const body = useWatch({ control, name: 'body' });
  return useMemo(
    () => describePlaceholders(findPlaceholders(body, { json, markup: isMarkup(contentType) })),
    [body, json, contentType],
  );
}

/** Whether the environment is the local demo stack with a sample to fill examples from. */
function demoSampleOf(environment: Environment | undefined) {
  const storage = environment?.storage;
  if (!storage?.sample || !storage.blobEndpoint) return undefined;
  return { blobEndpoint: storage.blobEndpoint, ...storage.sample };
}

/**
 * Under the body editor: which placeholders the example still has and, in the local demo, a
 * button that fills its blob references from the running stack (a SAS is fetched only then).
 */
export function ExampleValues({
  form,
  environment,
  json,
  contentType,
}: {
  form: UseFormReturn<TryItFormValues>;
  environment: Environment | undefined;
  json: boolean;
  contentType: string | undefined;
}) {
  const { control, getValues, setValue, trigger } = form;
  const placeholders = useBodyPlaceholders(control, json, contentType);
  const body = useWatch({ control, name: 'body' });
  const sample = demoSampleOf(environment);
  const fillable = json && sample !== undefined && canFillFromDemo(body);
  const fill = useMutation({
    mutationFn: async (): Promise<DemoFillResult & { expiresOn?: string }> => {
      if (!environment || !sample) throw new Error('This environment has no demo storage.');
      const sas = await requestDemoSas(environment, () => {});
      const result = fillFromDemo(getValues('body'), {
        ...sample,
        sasToken: sasTokenOf(sas.containerUrl),
      });
      return { ...result, expiresOn: sas.expiresOn };
    },
    onSuccess: (result) => {
      if (!result.ok) return;
      setValue('body', result.body, { shouldDirty: true });
      void trigger('body');
    },
  });
  if (!placeholders && !fillable && fill.status === 'idle') return null;
  const filled = fill.data;
  return (
    <div className="example-values">
      {placeholders && (
        <p className="example-values__placeholders" role="note">
          <strong>This example has placeholders:</strong> <code>{placeholders}</code>.{' '}
          {fillable
            ? 'Fill them from the demo stack, or put in your own values.'
            : 'Put in your own values before sending.'}
        </p>
      )}
      {fillable && (
        <p className="example-values__fill">
          <button
            type="button"
            className="button button--small"
            disabled={fill.isPending}
            onClick={() => fill.mutate()}
          >
            {fill.isPending ? 'Filling…' : 'Fill from the demo stack'}
          </button>
          <span className="field__hint">
            The sample input <code>{sample.input}</code> in the stack’s storage, with a fresh SAS
          </span>
        </p>
      )}
      {filled && (
        <p className="example-values__done" role="status">
          {filled.ok
            ? `Filled from the demo stack: ${filled.filled.join(', ')} now point at ${sample?.blobEndpoint ?? 'its storage'}, with a SAS valid until ${new Date(filled.expiresOn ?? '').toLocaleTimeString()}.`
            : filled.message}
        </p>
      )}
      {fill.isError && (
        <ErrorMessage error={fill.error} title="The demo stack did not hand out a SAS" />
      )}
    </div>
  );
}

/** Beside Send: the body still has placeholders. Sending stays possible. */
export function PlaceholderSendWarning({
  control,
  json,
  contentType,
}: {
  control: Control<TryItFormValues>;
  json: boolean;
  contentType: string | undefined;
}) {
  const placeholders = useBodyPlaceholders(control, json, contentType);
  if (!placeholders) return null;
  return (
    <div className="try-it__warnings" role="status">
      <p className="try-it__warning">
        <span className="try-it__warning-text">
          The body still has placeholders: {placeholders}. The service will refuse it, or accept a
          job that cannot run: replace them first, or send anyway on purpose.
        </span>
      </p>
    </div>
  );
}
