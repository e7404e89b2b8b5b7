import { useMutation } from '@tanstack/react-query';
import { Controller, useWatch } from 'react-hook-form';
import {
  SAS_PLACEHOLDER,
  bodyLocations,
  checkBlobName,
  checkSubmitBody,
  hideSecret,
  revealSecret,
  withOutputLocation,
} from '../../core/batch/batch-submit-body';
import { submitJob, type BesContext, type CallListener } from '../../core/batch/bes-calls';
import { JsonEditor } from '../../components/json-editor';
import { ErrorMessage } from '../../components/error-message';
import type { Uploaded } from './input-file-section';
import type { NewJobForm, SubmittedJob } from './new-job-values';

/** Step 4: the BES Submit body, built from the upload and free to edit, and sending it. */
export function SubmitSection({
  form,
  idPrefix,
  uploaded,
  context,
  showSas,
  onShowSasChange,
  onCall,
  onSubmitted,
}: {
  form: NewJobForm;
  idPrefix: string;
  uploaded: Uploaded;
  context: BesContext;
  showSas: boolean;
  onShowSasChange: (show: boolean) => void;
  onCall: CallListener;
  onSubmitted: (job: SubmittedJob) => void;
}) {
  const [outputName, bodyText] = useWatch({ control: form.control, name: ['outputName', 'body'] });
  const token = uploaded.sas.sasToken;
  const outputError = checkBlobName(outputName);
  // The placeholder is a JSON string like the token, so positions match what the user sees.
  const bodyCheck = checkSubmitBody(bodyText);
  const submitTried = form.formState.isSubmitted;

  const submit = useMutation({
    mutationFn: async (realBody: string): Promise<SubmittedJob> => {
      const check = checkSubmitBody(realBody);
      const { jobId } = await submitJob(context, realBody, hideSecret(realBody, token), onCall);
      return {
        jobId,
        workspace: context.workspace,
        service: context.service,
        fileName: uploaded.fileName,
        ...(check.ok ? bodyLocations(check.value) : { inputs: [], outputs: [] }),
      };
    },
    onSuccess: onSubmitted,
  });

  const onSubmit = form.handleSubmit(({ body }) => {
    const realBody = revealSecret(body, token);
    if (checkSubmitBody(realBody).ok) submit.mutate(realBody);
  });

  const toggleSas = (): void => {
    const text = form.getValues('body');
    form.setValue('body', showSas ? hideSecret(text, token) : revealSecret(text, token));
    onShowSasChange(!showSas);
  };

  const bodyErrorId = `${idPrefix}-body-error`;
  return (
    <fieldset className="batch-step">
      <legend>4. Submit</legend>
      <label className="batch-field" htmlFor={`${idPrefix}-output`}>
        <span>Output blob</span>
      </label>
      <Controller
        control={form.control}
        name="outputName"
        render={({ field }) => (
          <input
            id={`${idPrefix}-output`}
            className="batch-input--grow"
            value={field.value}
            onBlur={field.onBlur}
            onChange={(e) => {
              const name = e.target.value;
              field.onChange(name);
              if (checkBlobName(name) !== null) return;
              const location = `${uploaded.sas.container}/${name.trim()}`;
              const updated = withOutputLocation(form.getValues('body'), location);
              if (updated !== undefined) form.setValue('body', updated);
            }}
            spellCheck={false}
            aria-invalid={outputError ? true : undefined}
            aria-describedby={outputError ? `${idPrefix}-output-error` : undefined}
          />
        )}
      />
      {outputError && (
        <p id={`${idPrefix}-output-error`} className="batch-field-error">
          {outputError}
        </p>
      )}
      <div className="batch-row batch-row--between">
        <span className="batch-field__label" aria-hidden="true">
          Submit body
        </span>
        <button
          type="button"
          className="button batch-button--quiet"
          onClick={toggleSas}
          aria-pressed={showSas}
        >
          {showSas ? 'Hide SAS token' : 'Show SAS token'}
        </button>
      </div>
      <Controller
        control={form.control}
        name="body"
        render={({ field }) => (
          <JsonEditor
            label="Submit body"
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            invalid={!bodyCheck.ok}
            describedBy={`${idPrefix}-body-help${!bodyCheck.ok ? ` ${bodyErrorId}` : ''}`}
            errorAt={
              !bodyCheck.ok && bodyCheck.line !== undefined && bodyCheck.column !== undefined
                ? { line: bodyCheck.line, column: bodyCheck.column }
                : undefined
            }
          />
        )}
      />
      <p id={`${idPrefix}-body-help`} className="batch-muted">
        This is the BES Submit body that will be sent; edit it freely. {SAS_PLACEHOLDER} stands for
        the SAS of your container until you press Show SAS token.
      </p>
      {!bodyCheck.ok && (
        // Checked as the user types (marked in the editor); announced once they try to submit.
        <p id={bodyErrorId} role={submitTried ? 'alert' : undefined} className="batch-field-error">
          {bodyCheck.message}
        </p>
      )}
      <div className="batch-row">
        <button
          type="button"
          className="button button--primary"
          onClick={() => void onSubmit()}
          disabled={submit.isPending || outputError !== null}
        >
          Submit job
        </button>
        {submit.isPending && <span className="batch-muted">Submitting…</span>}
      </div>
      {submit.isError && <ErrorMessage error={submit.error} />}
      {submit.isSuccess && (
        <p role="status" className="batch-alert batch-alert--success">
          Submitted job <code>{submit.data.jobId}</code>. It waits in NotStarted until you start it
          in the job panel.
        </p>
      )}
    </fieldset>
  );
}
