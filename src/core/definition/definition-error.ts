/**
 * Thrown when an API definition cannot be fetched, parsed, resolved or understood. The message
 * is written for the person who added the definition: it names what is wrong and where.
 */
export class DefinitionError extends Error {
  override readonly name = 'DefinitionError';
  /** Where in the document (e.g. `paths./x.get.responses.200`) or which URL, when known. */
  readonly location?: string;
  /**
   * The fetch got no response at all: the server is down, or (the browser cannot tell them
   * apart) it answered without allowing this origin through CORS, as plain file servers do.
   */
  readonly noResponse?: true;

  constructor(
    message: string,
    options?: { location?: string; cause?: unknown; noResponse?: boolean },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    if (options?.location !== undefined) this.location = options.location;
    if (options?.noResponse) this.noResponse = true;
  }
}

export function isDefinitionError(error: unknown): error is DefinitionError {
  return error instanceof DefinitionError;
}
