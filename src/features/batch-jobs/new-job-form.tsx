import { useId, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import {
  buildSubmitBody,
  defaultOutputBlobName,
  formatSubmitBody,
  hideSecret,
} from '../../core/batch/batch-submit-body';
import type { BesContext, CallListener } from '../../core/batch/bes-calls';
import type { Environment } from '../../core/config/portal-config';
import { InputFileSection, type Uploaded } from './input-file-section';
import type { NewJobValues, SubmittedJob } from './new-job-values';
import { ServiceSection } from './service-section';
import { StorageSection } from './storage-section';
import { SubmitSection } from './submit-section';

/**
 * A new batch job, step by step: service, storage, input file, submit. One react-hook-form form
 * holds what the user types; each call to a server is a mutation in the step that makes it.
 */
export function NewJobForm({
  environment,
  context,
  onCall,
  onSubmitted,
}: {
  environment: Environment;
  /** The BES operations and environment; workspace and service are the form's defaults. */
  context: BesContext;
  onCall: CallListener;
  onSubmitted: (job: SubmittedJob) => void;
}) {
  const ids = useId();
  const form = useForm<NewJobValues>({
    defaultValues: {
      workspace: context.workspace,
      service: context.service,
      sasUrl: '',
      outputName: '',
      body: '',
    },
  });
  const [workspace, service] = useWatch({ control: form.control, name: ['workspace', 'service'] });
  const [uploaded, setUploaded] = useState<Uploaded | undefined>(undefined);
  const [showSas, setShowSas] = useState(false);
  // Each upload starts a fresh submit step (its mutation state too).
  const [uploadCount, setUploadCount] = useState(0);

  const onUploaded = (next: Uploaded): void => {
    const { sas, blobName } = next;
    const output = defaultOutputBlobName(blobName);
    const body = formatSubmitBody(
      buildSubmitBody({
        accountUrl: sas.accountUrl,
        container: sas.container,
        sasToken: sas.sasToken,
        inputBlob: blobName,
        outputBlob: output,
      }),
    );
    setUploaded(next);
    setShowSas(false);
    setUploadCount((n) => n + 1);
    form.reset(
      { ...form.getValues(), outputName: output, body: hideSecret(body, sas.sasToken) },
      { keepTouched: true },
    );
  };

  return (
    <form
      className="batch-card batch-new"
      aria-labelledby={`${ids}-title`}
      noValidate
      onSubmit={(e) => e.preventDefault()}
    >
      <h2 id={`${ids}-title`} className="batch-card__title">
        New job
      </h2>
      <ServiceSection form={form} />
      <StorageSection form={form} environment={environment} idPrefix={ids} onCall={onCall} />
      <InputFileSection
        form={form}
        environment={environment}
        onCall={onCall}
        uploaded={uploaded}
        onUploaded={onUploaded}
      />
      {uploaded && (
        <SubmitSection
          key={uploadCount}
          form={form}
          idPrefix={ids}
          uploaded={uploaded}
          context={{ ...context, workspace, service }}
          showSas={showSas}
          onShowSasChange={setShowSas}
          onCall={onCall}
          onSubmitted={onSubmitted}
        />
      )}
    </form>
  );
}
