/**
 * A failure of the API Management catalog source (the API list, an API's export link), with
 * what to do about it. It words itself (describeError asks it), so its sentences load with the
 * catalog client, not with the first page.
 */

export type ApimCatalogFailure =
  /** No token yet for a management root that needs one. */
  | 'no-credential'
  /** 401/403: the token expired, or lacks the role. */
  | 'refused'
  /** No answer: the network, or CORS. */
  | 'unreachable'
  | 'not-found'
  /** An answer that is not API Management's shape. */
  | 'contract'
  /** The exported definition could not be read from its link. */
  | 'export-link'
  | 'failed';

export class ApimCatalogError extends Error {
  override readonly name = 'ApimCatalogError';
  constructor(
    readonly failure: ApimCatalogFailure,
    message: string,
    readonly hint: string,
    /** The HTTP status, 0 when there was no answer. */
    readonly status = 0,
  ) {
    super(message);
  }

  describe(): { title: string; message: string; hint: string } {
    return { title: APIM_CATALOG_TITLES[this.failure], message: this.message, hint: this.hint };
  }
}

export const APIM_CATALOG_TITLES: Record<ApimCatalogFailure, string> = {
  'no-credential': 'A token is needed to list the APIs',
  refused: 'API Management refused the credential',
  unreachable: 'API Management could not be reached',
  'not-found': 'Not found in API Management',
  contract: 'Unexpected answer from API Management',
  'export-link': "The API's definition could not be read",
  failed: 'API Management could not list the APIs',
};
