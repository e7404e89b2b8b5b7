/**
 * A reports call that failed: the status and the API's own message, in words. A file of its own
 * so that describeError (first page load) does not pull in the reports client.
 */
export class ReportsError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'ReportsError';
  }
}
