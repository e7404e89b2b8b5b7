import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type DragEvent } from 'react';
import { useWatch } from 'react-hook-form';
import { CSV_HEAD_BYTES, checkCsvHead } from '../../core/batch/batch-csv-check';
import { parseContainerSasUrl, type ContainerSas } from '../../core/batch/batch-sas-url';
import { inputBlobName } from '../../core/batch/batch-submit-body';
import { uploadFile } from '../../core/batch/blob-storage';
import { requestDemoSas, type CallListener } from '../../core/batch/bes-calls';
import type { Environment } from '../../core/config/portal-config';
import { formatBytes, formatDuration } from '../../core/response/response-size';
import { ErrorMessage } from '../../components/error-message';
import type { NewJobForm } from './new-job-values';

type FileCheck =
  | { status: 'none' }
  | { status: 'checking'; file: File }
  | { status: 'ok'; file: File; columns: string[] }
  | { status: 'bad'; file: File; message: string };

/** The last successful upload: what the submit step is built on. */
export interface Uploaded {
  blobName: string;
  sas: ContainerSas;
  fileName: string;
  size: number;
  durationMs: number;
  /** The demo stack's own sample input, already in its storage: nothing was uploaded. */
  sample?: true;
}

function percent(loaded: number, total: number): number {
  return total === 0 ? 100 : Math.min(100, Math.round((loaded / total) * 100));
}

async function checkFile(file: File): Promise<FileCheck> {
  try {
    const head = new Uint8Array(await file.slice(0, CSV_HEAD_BYTES).arrayBuffer());
    const check = checkCsvHead(file.name, head, file.size);
    return check.ok
      ? { status: 'ok', file, columns: check.columns }
      : { status: 'bad', file, message: check.message };
  } catch (err) {
    const reason = err instanceof DOMException ? err.message : 'the browser refused to read it';
    return { status: 'bad', file, message: `Could not read "${file.name}": ${reason}.` };
  }
}

/** Step 3: choose or drop a CSV, check its first bytes, and upload it to the container. */
export function InputFileSection({
  form,
  environment,
  onCall,
  uploaded,
  onUploaded,
}: {
  form: NewJobForm;
  environment: Environment;
  onCall: CallListener;
  /** Kept while another file is checked or uploaded, so a failed attempt loses no edits. */
  uploaded: Uploaded | undefined;
  onUploaded: (uploaded: Uploaded) => void;
}) {
  const fileInput = useRef<HTMLInputElement>(null);
  const [fileCheck, setFileCheck] = useState<FileCheck>({ status: 'none' });
  const [dragging, setDragging] = useState(false);
  const [progress, setProgress] = useState({ loaded: 0, total: 0 });
  const controller = useRef<AbortController | undefined>(undefined);
  const sasText = useWatch({ control: form.control, name: 'sasUrl' });
  const sasCheck = parseContainerSasUrl(sasText, new Date());

  const upload = useMutation({
    mutationFn: async ({ file, sas }: { file: File; sas: ContainerSas }): Promise<Uploaded> => {
      const blobName = inputBlobName(file.name, new Date());
      controller.current = new AbortController();
      setProgress({ loaded: 0, total: file.size });
      const { durationMs } = await uploadFile(
        file,
        { containerUrl: sas.containerUrl, sasToken: sas.sasToken, blobName },
        {
          signal: controller.current.signal,
          onProgress: (loaded) => setProgress({ loaded, total: file.size }),
        },
      );
      return { blobName, sas, fileName: file.name, size: file.size, durationMs };
    },
    onSuccess: onUploaded,
  });
  // As BES Submit's "Fill from the demo stack": the sample the stack put in its storage at
  // start, with a fresh demo SAS for that container.
  const sample = environment.storage?.sasEndpoint ? environment.storage.sample : undefined;
  const useSample = useMutation({
    mutationFn: async (input: string): Promise<Uploaded> => {
      const demo = await requestDemoSas(environment, onCall);
      const check = parseContainerSasUrl(demo.containerUrl, new Date());
      if (!check.ok) throw new Error(check.message);
      const [container, ...path] = input.split('/');
      if (container !== check.sas.container || path.length === 0) {
        throw new Error(
          `The sample input ${input} is not in the demo SAS's container (${check.sas.container}).`,
        );
      }
      form.setValue('sasUrl', demo.containerUrl, { shouldTouch: true });
      const blobName = path.join('/');
      return {
        blobName,
        sas: check.sas,
        fileName: blobName.split('/').at(-1) ?? blobName,
        size: 0,
        durationMs: 0,
        sample: true,
      };
    },
    onSuccess: onUploaded,
  });

  const chooseFile = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    setFileCheck({ status: 'checking', file });
    if (!upload.isPending) upload.reset();
    setFileCheck(await checkFile(file));
  };

  const onDrop = (event: DragEvent<HTMLDivElement>): void => {
    event.preventDefault();
    setDragging(false);
    void chooseFile(event.dataTransfer.files[0]);
  };

  const uploading = upload.isPending;
  return (
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
      {sample && (
        <p className="batch-row">
          <button
            type="button"
            className="button"
            disabled={useSample.isPending || uploading}
            onClick={() => useSample.mutate(sample.input)}
          >
            Use the stack’s sample input
          </button>
          <span className="batch-muted">
            Or skip the upload: <code>{sample.input}</code> is already in the stack’s storage.
          </span>
        </p>
      )}
      {useSample.isError && (
        <ErrorMessage error={useSample.error} title="The sample input could not be used" />
      )}
      {fileCheck.status === 'bad' && (
        <p role="alert" className="batch-alert batch-alert--error">
          {fileCheck.message}
        </p>
      )}
      <div className="batch-row">
        <button
          type="button"
          className="button button--primary"
          onClick={() => {
            if (fileCheck.status === 'ok' && sasCheck.ok) {
              upload.mutate({ file: fileCheck.file, sas: sasCheck.sas });
            }
          }}
          disabled={uploading || fileCheck.status !== 'ok' || !sasCheck.ok}
        >
          Upload
        </button>
        {uploading && (
          <button
            type="button"
            className="button button--danger"
            onClick={() => controller.current?.abort()}
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
            value={percent(progress.loaded, progress.total)}
          />
          <span>
            {formatBytes(progress.loaded)} of {formatBytes(progress.total)} (
            {percent(progress.loaded, progress.total)}%)
          </span>
        </div>
      )}
      {upload.isError && <ErrorMessage error={upload.error} />}
      {uploaded?.sample && !uploading && (
        <p className="batch-alert batch-alert--success" role="status">
          Using the stack’s sample input{' '}
          <code>
            {uploaded.sas.container}/{uploaded.blobName}
          </code>
          , with a fresh demo SAS.
        </p>
      )}
      {uploaded && !uploaded.sample && !uploading && (
        <p className="batch-alert batch-alert--success" role="status">
          Uploaded {uploaded.fileName} ({formatBytes(uploaded.size)}) to{' '}
          <code>
            {uploaded.sas.container}/{uploaded.blobName}
          </code>{' '}
          in {formatDuration(uploaded.durationMs)}.
        </p>
      )}
    </fieldset>
  );
}
