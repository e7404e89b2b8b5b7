/**
 * Errors in the Azure ML web service shape (docs/reference/azureml-web-service.md):
 * `{ "error": { "code", "message", "details": [{ "code", "message" }] } }`.
 */
export type AzureMlErrorCode =
  | 'BadArgument'
  | 'BadUserArgument'
  | 'InvalidOperation'
  | 'LibraryExecutionError'
  | 'ModuleExecutionError'
  | 'Unauthorized'
  | 'NotFound'
  | 'RequestTimeout'
  | 'Conflict'
  | 'MemoryQuotaViolation'
  | 'InternalError'
  | 'ServiceUnavailable'
  | 'GatewayTimeout';

const STATUS: Record<AzureMlErrorCode, number> = {
  BadArgument: 400,
  BadUserArgument: 400,
  InvalidOperation: 400,
  LibraryExecutionError: 400,
  ModuleExecutionError: 400,
  Unauthorized: 401,
  NotFound: 404,
  RequestTimeout: 408,
  Conflict: 409,
  MemoryQuotaViolation: 413,
  InternalError: 500,
  ServiceUnavailable: 503,
  GatewayTimeout: 504,
};

const MESSAGE: Record<AzureMlErrorCode, string> = {
  BadArgument: 'Invalid argument provided.',
  BadUserArgument: 'Invalid argument provided.',
  InvalidOperation: 'The requested operation is not valid.',
  LibraryExecutionError: 'Library execution error.',
  ModuleExecutionError: 'Module execution encountered an error.',
  Unauthorized: 'Unauthorized',
  NotFound: 'Resource not found.',
  RequestTimeout: 'The request timed out.',
  Conflict: 'The request conflicts with the current state of the resource.',
  MemoryQuotaViolation: 'The request exceeded the memory quota of the web service.',
  InternalError: 'The request failed because of an internal error.',
  ServiceUnavailable: 'Service is temporarily unavailable.',
  GatewayTimeout: 'The request timed out at the gateway.',
};

export interface AzureMlErrorDetail {
  code: string;
  message: string;
}

export interface AzureMlErrorBody {
  error: { code: AzureMlErrorCode; message: string; details: AzureMlErrorDetail[] };
}

export class ServiceError extends Error {
  readonly status: number;
  readonly code: AzureMlErrorCode;
  readonly details: AzureMlErrorDetail[];

  /** `status` overrides the code's own, for HTTP answers the reference has no code for (431). */
  constructor(code: AzureMlErrorCode, detailCode: string, detailMessage: string, status?: number) {
    super(`${code}/${detailCode}: ${detailMessage}`);
    this.name = 'ServiceError';
    this.status = status ?? STATUS[code];
    this.code = code;
    this.details = [{ code: detailCode, message: detailMessage }];
  }

  toBody(): AzureMlErrorBody {
    return { error: { code: this.code, message: MESSAGE[this.code], details: this.details } };
  }
}

export function statusOf(code: AzureMlErrorCode): number {
  return STATUS[code];
}

/** Values a caller sent are quoted in messages cut to this many characters. */
export const MAX_ECHO_CHARS = 200;

/** A caller's value as an error message quotes it: short ones whole, long ones cut and sized. */
export function echo(value: string, max = MAX_ECHO_CHARS): string {
  return value.length <= max ? value : `${value.slice(0, max)}... (${value.length} characters)`;
}
