/**
 * A report request the API refuses, naming the parameter at fault; server/usage/http answers
 * it as a management error.
 */
export class ReportQueryError extends Error {
  constructor(
    message: string,
    readonly target: string,
    readonly code: 'ValidationError' | 'ResourceNotFound' = 'ValidationError',
  ) {
    super(message);
    this.name = 'ReportQueryError';
  }
}
