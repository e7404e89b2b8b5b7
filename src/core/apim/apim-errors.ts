/**
 * The API Management errors, in a module of their own so that describeError (on the first page
 * load) does not bring the developer client and the contract readers with it.
 */

/** An answer that is not the shape API Management sends. */
export class ApimContractError extends Error {
  override readonly name = 'ApimContractError';
}

/** The gateway answered, but not with success; `message` is APIM's own sentence. */
export class ApimRequestError extends Error {
  override readonly name = 'ApimRequestError';
  constructor(
    message: string,
    readonly status: number,
    readonly action: string,
  ) {
    super(message);
  }
}
