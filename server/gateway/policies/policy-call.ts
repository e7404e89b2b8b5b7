import type { JwtVerdicts } from './validate-jwt';

export type PolicyScopeKind = 'global' | 'product' | 'api' | 'operation';

/** ARM's ResponseContract as stored for an operation. */
export interface ResponseContract {
  statusCode: number;
  description?: string;
  representations?: Array<{
    contentType: string;
    examples?: Record<
      string,
      { summary?: string; description?: string; value?: unknown; externalValue?: string }
    >;
    schemaId?: string;
    typeName?: string;
  }>;
  headers?: unknown;
}

/** One call as the policies see it. */
export interface PolicyCall {
  requestId: string;
  method: string;
  /** Path below the API's URL suffix, e.g. "/workspaces/w/services/s/execute". */
  path: string;
  /** Query string as received, without "?" and without the subscription-key parameter. */
  query: string;
  /** Lower-cased names. */
  headers: Record<string, string | string[] | undefined>;
  ipAddress: string;
  /** `name` (display name) lets a rate-limit's `<api name="...">` match; `id` wins when both are given. */
  api: { id: string; serviceUrl: string; name?: string };
  operation: {
    id: string;
    method: string;
    urlTemplate: string;
    responses: ResponseContract[];
    name?: string;
  };
  /** Absent when the API needs no subscription and none was sent. */
  subscription?: {
    id: string;
    key: string;
    /** ms since epoch, when it became active */ startDate: number;
  };
  product?: { id: string };
  user?: { id: string };
  /** validate-jwt's verdicts, found by JwtValidator before inbound runs (validate-jwt.ts). */
  jwtVerdicts?: JwtVerdicts;
}

export interface HeaderChange {
  name: string;
  action: 'override' | 'skip' | 'append' | 'delete';
  values: string[];
}
