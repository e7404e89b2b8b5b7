import type { HttpResponse } from '../request/send-request';

/** Where one request is: what the response panel shows for the console and for every BES call. */
export type ResponseState =
  | { status: 'idle' }
  /** startedAt: performance.now() when the request was sent. */
  | { status: 'pending'; startedAt: number }
  | { status: 'success'; response: HttpResponse }
  | { status: 'error'; error: unknown };

/** A call that was made: never idle. */
export type CallState = Exclude<ResponseState, { status: 'idle' }>;
