import { useMutation } from '@tanstack/react-query';
import { Controller, useWatch } from 'react-hook-form';
import { parseContainerSasUrl } from '../../core/batch/batch-sas-url';
import { requestDemoSas, type CallListener } from '../../core/batch/bes-calls';
import type { Environment } from '../../core/config/portal-config';
import { ErrorMessage } from '../../components/error-message';
import { SecretInput } from '../../components/secret-input';
import type { NewJobForm } from './new-job-values';

/** Step 2: the blob container the input goes to and the result comes from, by SAS URL. */
export function StorageSection({
  form,
  environment,
  idPrefix,
  onCall,
}: {
  form: NewJobForm;
  environment: Environment;
  idPrefix: string;
  onCall: CallListener;
}) {
  const sasText = useWatch({ control: form.control, name: 'sasUrl' });
  const touched = form.formState.touchedFields.sasUrl === true;
  const sasCheck = parseContainerSasUrl(sasText, new Date());
  const sasMessage = touched && !sasCheck.ok && sasText.trim() !== '' ? sasCheck.message : null;
  const demoSas = useMutation({
    mutationFn: () => requestDemoSas(environment, onCall),
    onSuccess: (sas) => form.setValue('sasUrl', sas.containerUrl, { shouldTouch: true }),
  });
  const sasId = `${idPrefix}-sas`;

  return (
    <fieldset className="batch-step">
      <legend>2. Storage</legend>
      <p className="batch-muted">
        The input is uploaded to, and the result written to, a blob container reached with a
        container SAS URL (read and write). An account key never enters the browser.
      </p>
      {environment.storage?.sasEndpoint && (
        <p className="batch-row">
          <button
            type="button"
            className="button"
            onClick={() => demoSas.mutate()}
            disabled={demoSas.isPending}
          >
            Get a demo SAS
          </button>
          <span className="batch-muted">
            {demoSas.isPending
              ? 'Asking the demo stack…'
              : demoSas.isSuccess
                ? `Demo SAS valid until ${new Date(demoSas.data.expiresOn).toLocaleTimeString()}.`
                : `${environment.name} hands out a short-lived SAS for its own storage.`}
          </span>
        </p>
      )}
      {demoSas.isError && <ErrorMessage error={demoSas.error} />}
      <label className="batch-field" htmlFor={sasId}>
        <span>Container SAS URL</span>
      </label>
      <Controller
        control={form.control}
        name="sasUrl"
        render={({ field }) => (
          <SecretInput
            id={sasId}
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            revealLabel="Show SAS URL"
            placeholder="https://<account>.blob.core.windows.net/<container>?sv=…&sig=…"
            aria-invalid={sasMessage ? true : undefined}
            aria-describedby={sasMessage ? `${sasId}-error` : undefined}
          />
        )}
      />
      {sasMessage && (
        <p id={`${sasId}-error`} className="batch-field-error">
          {sasMessage}
        </p>
      )}
      {sasCheck.ok && (
        <p className="batch-muted">
          Container <code>{sasCheck.sas.container}</code>, permissions {sasCheck.sas.permissions},
          valid until {sasCheck.sas.expiresOn.toLocaleString()}.
        </p>
      )}
    </fieldset>
  );
}
