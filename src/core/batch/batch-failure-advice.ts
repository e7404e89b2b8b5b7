/**
 * What to do about a failed job, read from the service's Details. The service words its
 * failures in prose, so this matches on the few causes a user can fix from the portal.
 */
export function adviseOnFailure(details: string | null | undefined): string {
  const text = (details ?? '').toLowerCase();
  if (/col2/.test(text)) {
    return 'The input needs a header row with a "Col2" column holding the text to score. Fix the first line of the CSV, upload it again and submit a new job.';
  }
  if (/(blobnotfound|not found|does not exist|no such blob|404)/.test(text)) {
    return 'The job could not find its input blob. Check that Inputs.input1.RelativeLocation in the submit body is "<container>/<blob>" of an uploaded file, then submit a new job.';
  }
  if (/(authenticationfailed|authorization|signature|sas|403|expired)/.test(text)) {
    return "Storage refused the job's SAS. Get a fresh SAS (or a new demo SAS), upload again and submit a new job.";
  }
  if (/(csv|parse|quote|malformed|unreadable|column)/.test(text)) {
    return 'The input could not be read as CSV. Check that it is UTF-8 CSV with one header row and the same number of cells in every row, then submit a new job.';
  }
  if (/(unreachable|could not reach|econnrefused|timeout|timed out|network)/.test(text)) {
    return 'The service could not reach blob storage. Check that the storage account is up and allows the service, then submit the job again.';
  }
  return 'Read the details above, fix the input or the submit body, and submit a new job. The HTTP calls below show exactly what was sent.';
}
