import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { clientCredentialsToken, discoverProvider } from '../../core/auth/sign-in';
import {
  invokeBatchEndpoint,
  isBatchEndpointTerminal,
  jobsUrlOf,
  predictionsInContainer,
  PREDICTIONS_FILE,
  type BatchEndpointJob,
  type BatchEndpointState,
} from '../../core/batch/batch-endpoint-calls';
import {
  blobUriOf,
  outputFolderFor,
  type BatchEndpointSettings,
} from '../../core/batch/batch-endpoint-settings';
import { observeState, type ObservedState } from '../../core/batch/batch-endpoint-timeline';
import { formatElapsed } from '../../core/batch/batch-elapsed';
import type { CallRecord } from '../../core/batch/bes-calls';
import type { Environment } from '../../core/config/portal-config';
import { ErrorMessage } from '../../components/error-message';
import { HttpCallList } from '../../components/http-call-list';
import { SecretInput } from '../../components/secret-input';
import {
  batchEndpointJobQuery,
  batchEndpointSettingsQuery,
} from '../../queries/batch-endpoint-queries';
import { InputFileSection, type Uploaded } from './input-file-section';
import { JobResults } from './job-results';
import type { NewJobValues } from './new-job-values';
import { StorageSection } from './storage-section';

interface EndpointValues {
  scoringUri: string;
  deployment: string;
  token: string;
  clientSecret: string;
}

interface Invoked {
  job: BatchEndpointJob;
  jobsUrl: string;
  token: string;
  containerUrl: string;
  sasToken: string;
  fileName: string;
  at: number;
}

const STATE_TEXT: Record<BatchEndpointState, string> = {
  NotStarted: 'Accepted (NotStarted)',
  Queued: 'Queued',
  Preparing: 'Preparing',
  Running: 'Running',
  Completed: 'Completed',
  Failed: 'Failed',
  Canceled: 'Canceled',
};

function scoringUriProblem(text: string): string | undefined {
  if (text.trim() === '') return 'Enter the endpoint’s scoring URI.';
  try {
    const url = new URL(text.trim());
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Use an http(s) URL.';
  } catch {
    return 'The scoring URI must be an absolute URL, e.g. https://<endpoint>.<region>.inference.ml.azure.com/jobs.';
  }
  return undefined;
}

/**
 * Today's Azure ML batch endpoint, beside the classic BES flow: the same storage and upload
 * steps, then an invoke with the input and output URIs and an Entra ID token, the job watched
 * until it ends, and `predictions.csv` previewed with the same result panel as a BES output.
 */
export function BatchEndpointFlow({ environment }: { environment: Environment }) {
  const settings = useQuery(batchEndpointSettingsQuery(environment.id));
  if (settings.isPending)
    return <p className="batch-muted">Reading the batch endpoint settings…</p>;
  return (
    <BatchEndpointForm
      // A new environment's settings start a new form.
      key={environment.id}
      environment={environment}
      settings={settings.data ?? { scopes: [] }}
    />
  );
}

function BatchEndpointForm({
  environment,
  settings,
}: {
  environment: Environment;
  settings: BatchEndpointSettings;
}) {
  const ids = useId();
  const form = useForm<EndpointValues>({
    defaultValues: {
      scoringUri: settings.scoringUri ?? '',
      deployment: '',
      token: '',
      clientSecret: '',
    },
  });
  // The storage and upload steps are the BES flow's own, on a form of their shape.
  const storageForm = useForm<NewJobValues>({
    defaultValues: { workspace: '', service: '', sasUrl: '', outputName: '', body: '' },
  });
  const [scoringUri, token] = useWatch({ control: form.control, name: ['scoringUri', 'token'] });
  const [uploaded, setUploaded] = useState<Uploaded | undefined>(undefined);
  const [calls, setCalls] = useState<CallRecord[]>([]);
  const onCall = (record: CallRecord): void =>
    setCalls((list) => [...list.filter((r) => r.id !== record.id), record].slice(-20));

  const canGetToken = Boolean(settings.tokenIssuer && settings.confidentialClientId);
  const getToken = useMutation({
    mutationFn: async (clientSecret: string) => {
      if (!settings.tokenIssuer || !settings.confidentialClientId)
        throw new Error('No token issuer is configured.');
      const server = await discoverProvider(
        `${settings.tokenIssuer.replace(/\/+$/, '')}/.well-known/openid-configuration`,
      );
      return clientCredentialsToken(
        server,
        { clientId: settings.confidentialClientId, clientSecret },
        { scopes: settings.scopes, ...(settings.resource ? { resource: settings.resource } : {}) },
      );
    },
    onSuccess: (held) =>
      form.setValue('token', held.accessToken, { shouldTouch: true, shouldValidate: true }),
  });

  const invoke = useMutation({
    mutationFn: async (values: EndpointValues): Promise<Invoked> => {
      if (!uploaded) throw new Error('Upload the input CSV first.');
      const jobsUrl = jobsUrlOf(values.scoringUri);
      const containerUrl = uploaded.sas.containerUrl;
      const job = await invokeBatchEndpoint(
        {
          jobsUrl,
          token: values.token,
          inputUri: blobUriOf(containerUrl, uploaded.blobName),
          inputKind: 'UriFile',
          outputFolderUri: outputFolderFor(containerUrl, uploaded.blobName, new Date()),
          ...(values.deployment.trim() ? { deployment: values.deployment.trim() } : {}),
          requestId: crypto.randomUUID(),
        },
        onCall,
      );
      return {
        job,
        jobsUrl,
        token: values.token.trim(),
        containerUrl,
        sasToken: uploaded.sas.sasToken,
        fileName: uploaded.fileName,
        at: Date.now(),
      };
    },
  });

  const uriProblem = scoringUriProblem(scoringUri);
  const uriTouched = form.formState.touchedFields.scoringUri === true || form.formState.isSubmitted;
  const missing = !uploaded
    ? 'Upload an input CSV (or use the stack’s sample) to invoke.'
    : uriProblem
      ? 'Fix the scoring URI to invoke.'
      : token.trim() === ''
        ? 'Add a token to invoke.'
        : undefined;
  const onInvoke = form.handleSubmit((values) => {
    if (!missing) invoke.mutate(values);
  });

  return (
    <>
      <form
        className="batch-card batch-new"
        aria-labelledby={`${ids}-title`}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void onInvoke();
        }}
      >
        <h2 id={`${ids}-title`} className="batch-card__title">
          New batch endpoint job
        </h2>
        <fieldset className="batch-step">
          <legend>1. Batch endpoint</legend>
          <p className="batch-muted">
            Azure ML batch endpoints take Microsoft Entra ID tokens only, and read their input and
            write their output in storage by URI.
          </p>
          <label className="batch-field">
            <span>Scoring URI</span>
            <input
              {...form.register('scoringUri')}
              spellCheck={false}
              placeholder="https://<endpoint>.<region>.inference.ml.azure.com/jobs"
              aria-invalid={uriTouched && uriProblem ? true : undefined}
              aria-describedby={uriTouched && uriProblem ? `${ids}-uri-error` : undefined}
            />
          </label>
          {uriTouched && uriProblem && (
            <p id={`${ids}-uri-error`} className="batch-field-error">
              {uriProblem}
            </p>
          )}
          <label className="batch-field">
            <span>Deployment (azureml-model-deployment, optional)</span>
            <input
              {...form.register('deployment')}
              spellCheck={false}
              placeholder="the endpoint’s default deployment"
            />
          </label>
        </fieldset>
        <StorageSection
          form={storageForm}
          environment={environment}
          idPrefix={`${ids}-storage`}
          onCall={onCall}
        />
        <InputFileSection
          form={storageForm}
          environment={environment}
          onCall={onCall}
          uploaded={uploaded}
          onUploaded={setUploaded}
        />
        <fieldset className="batch-step">
          <legend>4. Token</legend>
          <label className="batch-field" htmlFor={`${ids}-token`}>
            <span>Entra ID token (audience https://ml.azure.com)</span>
          </label>
          <Controller
            control={form.control}
            name="token"
            render={({ field }) => (
              <SecretInput
                id={`${ids}-token`}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                revealLabel="Show token"
                placeholder="az account get-access-token --resource https://ml.azure.com"
              />
            )}
          />
          {canGetToken && (
            <div className="batch-row">
              <label className="batch-field" htmlFor={`${ids}-secret`}>
                <span>Client secret of {settings.confidentialClientId}</span>
              </label>
              <Controller
                control={form.control}
                name="clientSecret"
                render={({ field }) => (
                  <SecretInput
                    id={`${ids}-secret`}
                    value={field.value}
                    onChange={field.onChange}
                    onBlur={field.onBlur}
                    revealLabel="Show client secret"
                  />
                )}
              />
              <button
                type="button"
                className="button"
                disabled={getToken.isPending}
                onClick={() => getToken.mutate(form.getValues('clientSecret'))}
              >
                Get a token
              </button>
              <span className="batch-muted" role="status">
                {getToken.isPending
                  ? `Asking ${settings.tokenIssuer} (client credentials)…`
                  : getToken.data
                    ? `Token from ${settings.tokenIssuer}${getToken.data.expiresAt ? `, valid until ${new Date(getToken.data.expiresAt).toLocaleTimeString()}` : ''}.`
                    : `Client credentials at ${settings.tokenIssuer}.`}
              </span>
            </div>
          )}
          {getToken.isError && <ErrorMessage error={getToken.error} title="No token was issued" />}
        </fieldset>
        <fieldset className="batch-step">
          <legend>5. Invoke</legend>
          {uploaded && (
            <p className="batch-muted">
              Input <code>{blobUriOf(uploaded.sas.containerUrl, uploaded.blobName)}</code>; the
              output goes to a new folder beside it, <code>batch-endpoint-outputs/…</code>.
            </p>
          )}
          <div className="batch-row">
            <button
              type="submit"
              className="button button--primary"
              disabled={invoke.isPending || missing !== undefined}
            >
              Invoke batch endpoint
            </button>
            {missing && <span className="batch-muted">{missing}</span>}
          </div>
          {invoke.isError && <ErrorMessage error={invoke.error} />}
        </fieldset>
      </form>
      {invoke.data && (
        <BatchEndpointJobView key={invoke.data.job.name} invoked={invoke.data} token={token} />
      )}
      <HttpCallList calls={calls} title="HTTP calls for the batch endpoint job" />
    </>
  );
}

/** `token` is the field's current value: a token replaced after a 401 is used by the next read. */
function BatchEndpointJobView({ invoked, token }: { invoked: Invoked; token: string }) {
  const poll = useQuery(
    batchEndpointJobQuery(invoked.jobsUrl, invoked.job.name, token.trim() || invoked.token),
  );
  const job = poll.data?.job ?? invoked.job;
  const [timeline, setTimeline] = useState<ObservedState<BatchEndpointState>[]>(() =>
    observeState([], invoked.job.state, invoked.at),
  );
  // Each read's state goes into the timeline as it is rendered (the browser's times).
  const [seenAt, setSeenAt] = useState(0);
  if (poll.data && poll.dataUpdatedAt !== seenAt) {
    setSeenAt(poll.dataUpdatedAt);
    setTimeline((t) => observeState(t, poll.data.job.state, poll.dataUpdatedAt));
  }
  const done = isBatchEndpointTerminal(job.state);
  const location =
    job.state === 'Completed' && job.outputFolder
      ? predictionsInContainer(job.outputFolder, invoked.containerUrl)
      : undefined;

  return (
    <section className="batch-card" aria-label="Batch endpoint job">
      <h2 className="batch-card__title">
        Job <code>{job.name}</code>
      </h2>
      <p role="status" className="batch-muted">
        {invoked.fileName}
        {job.deployment ? ` · deployment ${job.deployment}` : ''} · {STATE_TEXT[job.state]}
        {done ? '' : ' · watching…'}
      </p>
      <ol className="batch-timeline" aria-label="Batch endpoint job timeline">
        {timeline.map((entry, index) => (
          <li
            key={`${entry.state}-${entry.at}`}
            className={`batch-timeline__entry${index === timeline.length - 1 ? ' batch-timeline__entry--current' : ''}`}
          >
            <span className="batch-timeline__dot" aria-hidden="true" />
            <span className="batch-timeline__state">{STATE_TEXT[entry.state]}</span>
            <time className="batch-timeline__time" dateTime={new Date(entry.at).toISOString()}>
              {new Date(entry.at).toLocaleTimeString()}
            </time>
            <span className="batch-timeline__elapsed">+{formatElapsed(entry.at - invoked.at)}</span>
          </li>
        ))}
      </ol>
      {poll.isError && (
        <ErrorMessage error={poll.error} title="The job could not be read">
          <p>If the token has expired, get a new one above, then check again.</p>
          <button type="button" className="button" onClick={() => void poll.refetch()}>
            Check again
          </button>
        </ErrorMessage>
      )}
      {job.state === 'Failed' && (
        <p role="alert" className="batch-alert batch-alert--error">
          The job failed: {job.error ?? 'the endpoint gave no reason.'}
        </p>
      )}
      {job.state === 'Completed' &&
        (location ? (
          <JobResults
            jobId={job.name}
            results={[
              {
                output: PREDICTIONS_FILE,
                baseLocation: location.baseLocation,
                relativeLocation: location.relativeLocation,
                sasBlobToken: invoked.sasToken,
              },
            ]}
          />
        ) : (
          <p className="batch-muted">
            The output went to <code>{job.outputFolder ?? '(not named)'}</code>, outside the
            container this page has a SAS for; read {PREDICTIONS_FILE} there.
          </p>
        ))}
    </section>
  );
}
