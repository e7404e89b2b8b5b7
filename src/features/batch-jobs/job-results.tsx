import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { resultBlobUrl, type JobResultRef } from '../../core/batch/batch-job-state';
import { PREVIEW_BYTES, previewCsv } from '../../core/batch/batch-result-preview';
import { formatBytes } from '../../core/response/response-size';
import { DataTable } from '../../components/data-table';
import { StorageFailure, downloadBlob, readBlobHead } from './storage-client';

function problemOf(err: unknown): { message: string; hint?: string } {
  if (err instanceof StorageFailure) return err.problem;
  return { message: err instanceof Error ? err.message : String(err) };
}

function fileNameOf(ref: JobResultRef): string {
  return ref.relativeLocation.split('/').pop() || `${ref.output}.csv`;
}

function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.rel = 'noopener';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // The click has handed the blob to the download manager; give it a moment before freeing.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

function ResultPreview({ jobId, result }: { jobId: string; result: JobResultRef }) {
  const url = resultBlobUrl(result);
  const preview = useQuery({
    // The SAS is left out of the key: it changes with every status call, the blob does not.
    queryKey: ['batch-result-head', jobId, result.output, result.relativeLocation],
    queryFn: async ({ signal }) => {
      const head = await readBlobHead(url, PREVIEW_BYTES, signal);
      return { ...previewCsv(head.bytes, head.totalSize), totalSize: head.totalSize };
    },
    retry: false,
    staleTime: Infinity,
  });
  const [download, setDownload] = useState<
    | { status: 'idle' }
    | { status: 'busy'; loaded: number }
    | { status: 'error'; message: string; hint?: string }
  >({ status: 'idle' });

  const onDownload = async (): Promise<void> => {
    setDownload({ status: 'busy', loaded: 0 });
    try {
      const blob = await downloadBlob(url, {
        onProgress: (loaded) => setDownload({ status: 'busy', loaded }),
      });
      saveBlob(blob, fileNameOf(result));
      setDownload({ status: 'idle' });
    } catch (err) {
      setDownload({ status: 'error', ...problemOf(err) });
    }
  };

  return (
    <section className="batch-result" aria-label={`Result ${result.output}`}>
      <header className="batch-result__header">
        <div>
          <h4 className="batch-result__name">{result.output}</h4>
          <code className="batch-result__location">{result.relativeLocation}</code>
          {preview.data && (
            <span className="batch-result__size"> · {formatBytes(preview.data.totalSize)}</span>
          )}
        </div>
        <button
          type="button"
          className="button"
          onClick={() => void onDownload()}
          disabled={download.status === 'busy'}
        >
          {download.status === 'busy'
            ? `Downloading… ${formatBytes(download.loaded)}`
            : `Download ${result.output}`}
        </button>
      </header>
      {download.status === 'error' && (
        <p role="alert" className="batch-alert batch-alert--error">
          {download.message} {download.hint}
        </p>
      )}
      {preview.isPending && <p className="batch-muted">Reading the first rows…</p>}
      {preview.isError && (
        <div role="alert" className="batch-alert batch-alert--error">
          <p>{problemOf(preview.error).message}</p>
          {problemOf(preview.error).hint && <p>{problemOf(preview.error).hint}</p>}
          <button type="button" className="button" onClick={() => void preview.refetch()}>
            Retry preview
          </button>
        </div>
      )}
      {preview.data && (
        <>
          <DataTable
            columns={preview.data.columns}
            rows={preview.data.rows}
            label={`Preview of ${result.output}`}
            wrapperRole="region"
            density="compact"
          />
          <p className="batch-muted">
            {preview.data.truncated
              ? `First ${preview.data.rows.length} rows, read from the first ${formatBytes(Math.min(PREVIEW_BYTES, preview.data.totalSize))} only. Download for the whole file.`
              : `All ${preview.data.rows.length} rows.`}
          </p>
        </>
      )}
    </section>
  );
}

export function JobResults({ jobId, results }: { jobId: string; results: JobResultRef[] }) {
  if (results.length === 0) {
    return <p className="batch-muted">The job finished without outputs.</p>;
  }
  return (
    <div className="batch-results">
      {results.map((result) => (
        <ResultPreview key={result.output} jobId={jobId} result={result} />
      ))}
    </div>
  );
}
