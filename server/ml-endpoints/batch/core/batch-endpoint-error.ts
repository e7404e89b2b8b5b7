/**
 * Errors of the batch endpoint in the shape Azure ML's endpoints answer with:
 * `{ "error": { "code", "message" } }` (docs/reference/azureml-batch-endpoints.md).
 */
export type BatchEndpointErrorCode =
  | 'UserError'
  | 'Unauthorized'
  | 'NotFound'
  | 'RequestEntityTooLarge'
  | 'RequestTimeout'
  | 'InternalError'
  | 'ServiceUnavailable';

const STATUS: Record<BatchEndpointErrorCode, number> = {
  UserError: 400,
  Unauthorized: 401,
  NotFound: 404,
  RequestTimeout: 408,
  RequestEntityTooLarge: 413,
  InternalError: 500,
  ServiceUnavailable: 503,
};

export interface BatchEndpointErrorBody {
  error: { code: BatchEndpointErrorCode; message: string };
}

export class BatchEndpointError extends Error {
  readonly status: number;

  constructor(
    readonly code: BatchEndpointErrorCode,
    message: string,
    status?: number,
  ) {
    super(message);
    this.name = 'BatchEndpointError';
    this.status = status ?? STATUS[code];
  }

  toBody(): BatchEndpointErrorBody {
    return { error: { code: this.code, message: this.message } };
  }
}
