import type { HttpResponse } from '../request/send-request';

// Its own module so that describeError (on the first page load) does not pull in the BES calls.
/** A BES or demo SAS answer the portal cannot use: a non-2xx status or an unreadable body. */
export class BesCallError extends Error {
  override name = 'BesCallError';
  constructor(
    /** The call, as people name it: "BES Submit", "Demo SAS". */
    readonly label: string,
    message: string,
    readonly status: number,
    readonly response: HttpResponse | undefined,
  ) {
    super(message);
  }
}
