// The errors of sending, in a module of their own: describeError is on the first page load,
// the sender is not.

export type SendErrorKind =
  'unreachable' | 'cors' | 'timeout' | 'cancelled' | 'invalid-url' | 'redirect';

/** The request got no HTTP response at all. (4xx and 5xx are responses, never SendErrors.) */
export class SendError extends Error {
  override readonly name = 'SendError';
  readonly kind: SendErrorKind;
  /** What the user can do about it. */
  readonly hint: string;

  constructor(kind: SendErrorKind, message: string, hint: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.kind = kind;
    this.hint = hint;
  }
}

/** A header fetch cannot send (a bad name, a line break in the value): named, before sending. */
export class HeaderError extends Error {
  override readonly name = 'HeaderError';
  constructor(
    readonly header: string,
    message: string,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
  }
}
