/** The page's heading and the four steps of a batch job, for someone new to BES. */
export function BatchIntro() {
  return (
    <header className="batch-page__header">
      <h1>Batch jobs</h1>
      <p className="batch-lead">
        Score a whole CSV file with the Batch Execution Service: upload it to blob storage, submit a
        job that points at it, start it, and watch it until its results can be previewed and
        downloaded. Every step is a plain HTTP call you can open below it.
      </p>
      <details className="batch-howto">
        <summary>How a batch job works</summary>
        <ol>
          <li>
            The input CSV goes to a blob container (PUT, with a container SAS; the service never
            receives your file through the API).
          </li>
          <li>
            <strong>BES Submit</strong> sends blob references for the input and the output and
            returns a job id. The job waits in NotStarted.
          </li>
          <li>
            <strong>BES Start</strong> starts it; <strong>BES Status</strong> is polled until
            Finished, Failed or Cancelled (less often as time goes by, and as the server asks).
          </li>
          <li>
            When Finished, the status lists each output with a read-only SAS; the preview reads only
            the first 64 KB of it. <strong>BES Delete</strong> cancels a running job or deletes an
            ended one.
          </li>
        </ol>
      </details>
    </header>
  );
}
