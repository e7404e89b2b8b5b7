/**
 * The one request object of the portal: built once from the try-it form, then sent, shown as
 * "Requested URL" and turned into code samples, so what is shown is what was sent.
 */
export interface HttpHeader {
  name: string;
  value: string;
  /** A credential: masked wherever the request is displayed, logged or turned into a sample. */
  secret?: boolean;
  /** The security scheme this credential belongs to (names its placeholder in code samples). */
  schemeId?: string;
}

export interface HttpRequest {
  /** Upper case: GET, POST... */
  method: string;
  /** Absolute URL, query included (a query-string API key is in it: redact before showing). */
  url: string;
  headers: HttpHeader[];
  body?: string;
  /** Names of query parameters that carry credentials (an apiKey "in: query"). */
  secretQuery?: string[];
}

/** What the user typed into the try-it form, keyed by parameter name. */
export interface TryItValues {
  path: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  cookies?: Record<string, string>;
  customHeaders: Array<{ name: string; value: string }>;
  body?: string;
  /** Media type of the body; the operation's first request content type when absent. */
  contentType?: string;
  /** Keyed by security scheme id; overrides the environment's credentials. */
  credentials?: Record<string, string>;
}

export const SECRET_MASK = '••••••';
