/**
 * Thrown when an API definition cannot be fetched, parsed, resolved or understood. The message
 * is written for the person who added the definition: it names what is wrong and where.
 */
export class DefinitionError extends Error {
  override readonly name = 'DefinitionError';
  /** Where in the document (e.g. `paths./x.get.responses.200`) or which URL, when known. */
  readonly location?: string;

  constructor(message: string, options?: { location?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    if (options?.location !== undefined) this.location = options.location;
  }
}

export function isDefinitionError(error: unknown): error is DefinitionError {
  return error instanceof DefinitionError;
}
