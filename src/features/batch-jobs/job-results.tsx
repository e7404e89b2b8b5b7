import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { resultBlobUrl, type JobResultRef } from '../../core/batch/batch-job-state';
import { PREVIEW_BYTES } from '../../core/batch/batch-result-preview';
import { downloadBlob } from '../../core/batch/blob-storage';
import { formatBytes } from '../../core/response/response-size';
import { DataTable } from '../../components/data-table';
import { saveBlob } from '../../components/download-file';
import { ErrorMessage } from '../../components/error-message';
import { resultHeadQuery } from '../../queries/job-queries';

function fileNameOf(ref: JobResultRef): string {
  return ref.relativeLocation.split('/').pop() || `${ref.output}.csv`;
}

function ResultPreview({ jobId, result }: { jobId: string; result: JobResultRef }) {
  const preview = useQuery(resultHeadQuery(jobId, result));
  const [loaded, setLoaded] = useState(0);
  const download = useMutation({
    mutationFn: () => {
      setLoaded(0);
      return downloadBlob(resultBlobUrl(result), { onProgress: setLoaded });
    },
    onSuccess: (blob) => saveBlob(blob, fileNameOf(result)),
  });

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
          onClick={() => download.mutate()}
          disabled={download.isPending}
        >
          {download.isPending ? `Downloading… ${formatBytes(loaded)}` : `Download ${result.output}`}
        </button>
      </header>
      {download.isError && <ErrorMessage error={download.error} />}
      {preview.isPending && <p className="batch-muted">Reading the first rows…</p>}
      {preview.isError && (
        <ErrorMessage error={preview.error}>
          <button type="button" className="button" onClick={() => void preview.refetch()}>
            Retry preview
          </button>
        </ErrorMessage>
      )}
      {preview.data && (
        <>
          <DataTable
            columns={preview.data.columns}
            rows={preview.data.rows}
            label={`Preview of ${result.output}`}
            wrapperRole="region"
            density="compact"
            expandTitle={`Preview of ${result.output}`}
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
