import { useId, useRef, useState, type DragEvent } from 'react';
import { CSV_HEAD_BYTES, checkCsvHead } from '../../core/batch/batch-csv-check';
import { parseContainerSasUrl, type ContainerSas } from '../../core/batch/batch-sas-url';
import {
  SAS_PLACEHOLDER,
  bodyLocations,
  buildSubmitBody,
  checkBlobName,
  checkSubmitBody,
  defaultOutputBlobName,
  formatSubmitBody,
  hideSecret,
  inputBlobName,
  revealSecret,
  withOutputLocation,
} from '../../core/batch/batch-submit-body';
import type { Environment } from '../../core/config/portal-config';
import { JsonEditor } from '../../components/json-editor';
import { formatBytes, formatDuration } from '../../core/response/response-size';
import { describeError } from '../../core/errors/describe-error';
import {
  BesCallError,
  requestDemoSas,
  submitJob,
  type BesContext,
  type CallListener,
} from './bes-calls';
import { StorageFailure, uploadFile } from './storage-client';

type FileCheck =
  | { status: 'none' }
  | { status: 'checking'; file: File }
  | { status: 'ok'; file: File; columns: string[] }
  | { status: 'bad'; file: File; message: string };

type Upload =
  | { status: 'idle' }
  | { status: 'uploading'; loaded: number; total: number; controller: AbortController }
  | { status: 'failed'; title: string; message: string; hint?: string };

/** The last successful upload: what the submit step is built on. */
interface Uploaded {
  blobName: string;
  sas: ContainerSas;
  fileName: string;
  size: number;
  durationMs: number;
}

export interface SubmittedJob {
  jobId: string;
  workspace: string;
  service: string;
  fileName?: string;
  inputs: string[];
  outputs: string[];
}

function percent(loaded: number, total: number): number {
  return total === 0 ? 100 : Math.min(100, Math.round((loaded / total) * 100));
}

export function NewJobForm({
  environment,
  context,
  workspace,
  service,
  onWorkspaceChange,
  onServiceChange,
  onCall,
  onSubmitted,
}: {
  environment: Environment;
  context: BesContext;
  workspace: string;
  service: string;
  onWorkspaceChange: (value: string) => void;
  onServiceChange: (value: string) => void;
  onCall: CallListener;
  onSubmitted: (job: SubmittedJob) => void;
}) {
  const ids = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [sasText, setSasText] = useState('');
  const [sasTouched, setSasTouched] = useState(false);
  const [showSasUrl, setShowSasUrl] = useState(false);
  const [demoSas, setDemoSas] = useState<
    | { status: 'idle' }
    | { status: 'busy' }
    | { status: 'error'; message: string }
    | { status: 'done'; expiresOn: string }
  >({ status: 'idle' });
  const [fileCheck, setFileCheck] = useState<FileCheck>({ status: 'none' });
  const [dragging, setDragging] = useState(false);
  const [upload, setUpload] = useState<Upload>({ status: 'idle' });
  // Kept while another file is checked or uploaded, so a failed attempt loses no edits.
  const [uploaded, setUploaded] = useState<Uploaded | undefined>(undefined);
  const [outputName, setOutputName] = useState('');
  const [bodyText, setBodyText] = useState('');
  const [showSasInBody, setShowSasInBody] = useState(false);
  // Checked as the user types (marked in the editor); announced once they try to submit.
  const [submitTried, setSubmitTried] = useState(false);
  const [submit, setSubmit] = useState<
    | { status: 'idle' }
    | { status: 'busy' }
    | { status: 'error'; message: string }
    | { status: 'done'; jobId: string }
  >({ status: 'idle' });

  const sasCheck = parseContainerSasUrl(sasText, new Date());
  const sasMessage = sasTouched && !sasCheck.ok && sasText.trim() !== '' ? sasCheck.message : null;

  const getDemoSas = async (): Promise<void> => {
    setDemoSas({ status: 'busy' });
    try {
      const sas = await requestDemoSas(environment, onCall);
      setSasText(sas.containerUrl);
      setSasTouched(true);
      setDemoSas({ status: 'done', expiresOn: sas.expiresOn });
    } catch (err) {
      const d = describeError(err);
      setDemoSas({ status: 'error', message: [d.message, d.hint].filter(Boolean).join(' ') });
    }
  };

  const chooseFile = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    setFileCheck({ status: 'checking', file });
    setUpload((u) => (u.status === 'uploading' ? u : { status: 'idle' }));
    try {
      const head = new Uint8Array(await file.slice(0, CSV_HEAD_BYTES).arrayBuffer());
      const check = checkCsvHead(file.name, head, file.size);
      setFileCheck(
        check.ok
          ? { status: 'ok', file, columns: check.columns }
          : { status: 'bad', file, message: check.message },
      );
    } catch (err) {
      setFileCheck({
        status: 'bad',
        file,
        message: `Could not read "${file.name}": ${String(err)}`,
      });
    }
  };

  const onDrop = (event: DragEvent<HTMLDivElement>): void => {
    event.preventDefault();
    setDragging(false);
    void chooseFile(event.dataTransfer.files[0]);
  };

  const startUpload = async (): Promise<void> => {
    if (fileCheck.status !== 'ok' || !sasCheck.ok) return;
    const { file } = fileCheck;
    const sas = sasCheck.sas;
    const blobName = inputBlobName(file.name, new Date());
    const controller = new AbortController();
    setUpload({ status: 'uploading', loaded: 0, total: file.size, controller });
    try {
      const { durationMs } = await uploadFile(
        file,
        { containerUrl: sas.containerUrl, sasToken: sas.sasToken, blobName },
        {
          signal: controller.signal,
          onProgress: (loaded) =>
            setUpload((u) => (u.status === 'uploading' ? { ...u, loaded } : u)),
        },
      );
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
      setUpload({ status: 'idle' });
      setUploaded({
        blobName,
        sas,
        fileName: file.name,
        size: file.size,
        durationMs,
      });
      setOutputName(output);
      setShowSasInBody(false);
      setBodyText(hideSecret(body, sas.sasToken));
      setSubmitTried(false);
      setSubmit({ status: 'idle' });
    } catch (err) {
      const problem =
        err instanceof StorageFailure
          ? err.problem
          : {
              title: 'Upload failed',
              message: err instanceof Error ? err.message : String(err),
              hint: undefined,
            };
      setUpload({
        status: 'failed',
        title: problem.title,
        message: problem.message,
        hint: problem.hint,
      });
    }
  };

  const changeOutputName = (name: string): void => {
    setOutputName(name);
    if (!uploaded || checkBlobName(name) !== null) return;
    const updated = withOutputLocation(bodyText, `${uploaded.sas.container}/${name.trim()}`);
    if (updated !== undefined) setBodyText(updated);
  };

  const toggleSasInBody = (): void => {
    if (!uploaded) return;
    const token = uploaded.sas.sasToken;
    setBodyText((text) => (showSasInBody ? hideSecret(text, token) : revealSecret(text, token)));
    setShowSasInBody((v) => !v);
  };

  const submitBody = async (): Promise<void> => {
    if (!uploaded) return;
    const token = uploaded.sas.sasToken;
    const realBody = revealSecret(bodyText, token);
    const check = checkSubmitBody(realBody);
    setSubmitTried(true);
    if (!check.ok) return;
    setSubmit({ status: 'busy' });
    try {
      const { jobId } = await submitJob(context, realBody, hideSecret(realBody, token), onCall);
      const locations = bodyLocations(check.value);
      setSubmit({ status: 'done', jobId });
      onSubmitted({ jobId, workspace, service, fileName: uploaded.fileName, ...locations });
    } catch (err) {
      const d = describeError(err);
      setSubmit({
        status: 'error',
        message:
          err instanceof BesCallError ? err.message : [d.message, d.hint].filter(Boolean).join(' '),
      });
    }
  };

  const outputError = uploaded ? checkBlobName(outputName) : null;
  // The placeholder is a JSON string like the token, so positions match what the user sees.
  const bodyCheck = uploaded ? checkSubmitBody(bodyText) : undefined;
  const uploading = upload.status === 'uploading';

  return (
    <section className="batch-card batch-new" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} className="batch-card__title">
        New job
      </h2>

      <fieldset className="batch-step">
        <legend>1. Service</legend>
        <div className="batch-row">
          <label className="batch-field">
            <span>workspace</span>
            <input
              value={workspace}
              onChange={(e) => onWorkspaceChange(e.target.value)}
              spellCheck={false}
            />
          </label>
          <label className="batch-field">
            <span>service</span>
            <input
              value={service}
              onChange={(e) => onServiceChange(e.target.value)}
              spellCheck={false}
            />
          </label>
        </div>
      </fieldset>

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
              onClick={() => void getDemoSas()}
              disabled={demoSas.status === 'busy'}
            >
              Get a demo SAS
            </button>
            <span className="batch-muted">
              {demoSas.status === 'busy'
                ? 'Asking the demo stack…'
                : demoSas.status === 'done'
                  ? `Demo SAS valid until ${new Date(demoSas.expiresOn).toLocaleTimeString()}.`
                  : `${environment.name} hands out a short-lived SAS for its own storage.`}
            </span>
          </p>
        )}
        {demoSas.status === 'error' && (
          <p role="alert" className="batch-alert batch-alert--error">
            {demoSas.message}
          </p>
        )}
        <label className="batch-field" htmlFor={`${ids}-sas`}>
          <span>Container SAS URL</span>
        </label>
        <div className="batch-row">
          <input
            id={`${ids}-sas`}
            className="batch-input--grow"
            type={showSasUrl ? 'text' : 'password'}
            autoComplete="off"
            spellCheck={false}
            placeholder="https://<account>.blob.core.windows.net/<container>?sv=…&sig=…"
            value={sasText}
            onChange={(e) => setSasText(e.target.value)}
            onBlur={() => setSasTouched(true)}
            aria-invalid={sasMessage ? true : undefined}
            aria-describedby={sasMessage ? `${ids}-sas-error` : undefined}
          />
          <button
            type="button"
            className="button batch-button--quiet"
            onClick={() => setShowSasUrl((v) => !v)}
            aria-pressed={showSasUrl}
          >
            {showSasUrl ? 'Hide SAS URL' : 'Show SAS URL'}
          </button>
        </div>
        {sasMessage && (
          <p id={`${ids}-sas-error`} className="batch-field-error">
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

      <fieldset className="batch-step">
        <legend>3. Input CSV</legend>
        <div
          className={`batch-drop${dragging ? ' batch-drop--over' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <p>
            Drop a CSV file here, or{' '}
            <button
              type="button"
              className="batch-link-button"
              onClick={() => fileInput.current?.click()}
            >
              choose a file
            </button>
            . It needs a header row with a <code>Col2</code> column.
          </p>
          <input
            ref={fileInput}
            id={`${ids}-file`}
            className="visually-hidden"
            type="file"
            accept=".csv,text/csv"
            aria-label="CSV file"
            onChange={(e) => void chooseFile(e.target.files?.[0])}
          />
          {fileCheck.status !== 'none' && (
            <p className="batch-file">
              <strong>{fileCheck.file.name}</strong> · {formatBytes(fileCheck.file.size)}
              {fileCheck.status === 'ok' && <> · columns {fileCheck.columns.join(', ')}</>}
            </p>
          )}
        </div>
        {fileCheck.status === 'bad' && (
          <p role="alert" className="batch-alert batch-alert--error">
            {fileCheck.message}
          </p>
        )}
        <div className="batch-row">
          <button
            type="button"
            className="button button--primary"
            onClick={() => void startUpload()}
            disabled={uploading || fileCheck.status !== 'ok' || !sasCheck.ok}
          >
            Upload
          </button>
          {uploading && (
            <button
              type="button"
              className="button button--danger"
              onClick={() => upload.controller.abort()}
            >
              Cancel upload
            </button>
          )}
          {!uploading && fileCheck.status === 'ok' && !sasCheck.ok && (
            <span className="batch-muted">
              {sasText.trim() === ''
                ? 'Add a container SAS URL to upload.'
                : 'Fix the SAS URL to upload.'}
            </span>
          )}
        </div>
        {uploading && (
          <div className="batch-progress">
            <progress
              aria-label="Upload progress"
              max={100}
              value={percent(upload.loaded, upload.total)}
            />
            <span>
              {formatBytes(upload.loaded)} of {formatBytes(upload.total)} (
              {percent(upload.loaded, upload.total)}%)
            </span>
          </div>
        )}
        {upload.status === 'failed' && (
          <div role="alert" className="batch-alert batch-alert--error">
            <p>
              <strong>{upload.title}.</strong> {upload.message}
            </p>
            {upload.hint && <p>{upload.hint}</p>}
          </div>
        )}
        {uploaded && upload.status !== 'uploading' && (
          <p className="batch-alert batch-alert--success" role="status">
            Uploaded {uploaded.fileName} ({formatBytes(uploaded.size)}) to{' '}
            <code>
              {uploaded.sas.container}/{uploaded.blobName}
            </code>{' '}
            in {formatDuration(uploaded.durationMs)}.
          </p>
        )}
      </fieldset>

      {uploaded && (
        <fieldset className="batch-step">
          <legend>4. Submit</legend>
          <label className="batch-field">
            <span>Output blob</span>
            <input
              value={outputName}
              onChange={(e) => changeOutputName(e.target.value)}
              spellCheck={false}
              aria-invalid={outputError ? true : undefined}
              aria-describedby={outputError ? `${ids}-output-error` : undefined}
            />
          </label>
          {outputError && (
            <p id={`${ids}-output-error`} className="batch-field-error">
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
              onClick={toggleSasInBody}
              aria-pressed={showSasInBody}
            >
              {showSasInBody ? 'Hide SAS token' : 'Show SAS token'}
            </button>
          </div>
          <JsonEditor
            label="Submit body"
            value={bodyText}
            onChange={setBodyText}
            invalid={bodyCheck?.ok === false}
            describedBy={`${ids}-body-help${bodyCheck?.ok === false ? ` ${ids}-body-error` : ''}`}
            errorAt={
              bodyCheck?.ok === false &&
              bodyCheck.line !== undefined &&
              bodyCheck.column !== undefined
                ? { line: bodyCheck.line, column: bodyCheck.column }
                : undefined
            }
          />
          <p id={`${ids}-body-help`} className="batch-muted">
            This is the BES Submit body that will be sent; edit it freely. {SAS_PLACEHOLDER} stands
            for the SAS of your container until you press Show SAS token.
          </p>
          {bodyCheck?.ok === false && (
            <p
              id={`${ids}-body-error`}
              role={submitTried ? 'alert' : undefined}
              className="batch-field-error"
            >
              {bodyCheck.message}
            </p>
          )}
          <div className="batch-row">
            <button
              type="button"
              className="button button--primary"
              onClick={() => void submitBody()}
              disabled={submit.status === 'busy' || outputError !== null}
            >
              Submit job
            </button>
            {submit.status === 'busy' && <span className="batch-muted">Submitting…</span>}
          </div>
          {submit.status === 'error' && (
            <p role="alert" className="batch-alert batch-alert--error">
              {submit.message}
            </p>
          )}
          {submit.status === 'done' && (
            <p role="status" className="batch-alert batch-alert--success">
              Submitted job <code>{submit.jobId}</code>. It waits in NotStarted until you start it
              in the job panel.
            </p>
          )}
        </fieldset>
      )}
    </section>
  );
}
