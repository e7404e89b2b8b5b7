/** A report request the API refuses; answered as a management error with its HTTP status. */
export class ReportQueryError extends Error {
  constructor(
    message: string,
    readonly target: string,
    readonly status = 400,
    readonly code = 'ValidationError',
  ) {
    super(message);
    this.name = 'ReportQueryError';
  }
}

/** APIM management error body: `{ error: { code, message, details } }`. */
export function managementErrorBody(error: ReportQueryError): {
  error: {
    code: string;
    message: string;
    details: Array<{ code: string; target: string; message: string }>;
  };
} {
  return {
    error: {
      code: error.code,
      message: error.message,
      details: [{ code: error.code, target: error.target, message: error.message }],
    },
  };
}
