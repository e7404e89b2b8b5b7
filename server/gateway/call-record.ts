/**
 * What the local API Management gateway knows about one call it handled, including the
 * 401/403/429 it answered itself. The gateway hands each record to whoever records usage;
 * the reports API aggregates them. Ids are APIM resource paths (`/apis/azureml-demo`,
 * `/apis/azureml-demo/operations/rrs-execute`, `/products/starter`, `/subscriptions/abc123`).
 */
export interface GatewayCallRecord {
  /** When the request reached the gateway, ms since the epoch. */
  timestamp: number;
  /** `/apis/{apiId}`; empty when the path matched no API. */
  apiId: string;
  /** `/apis/{apiId}/operations/{operationId}`; empty when no operation matched. */
  operationId: string;
  /** `/products/{productId}`; empty when no valid subscription was presented. */
  productId: string;
  /** `/subscriptions/{sid}`; empty when no valid subscription was presented. */
  subscriptionId: string;
  /** `/users/{uid}`; empty when unknown. */
  userId: string;
  method: string;
  /** Path and query as received, with the subscription-key query parameter removed. */
  url: string;
  ipAddress: string;
  /** Status the gateway answered with. */
  responseCode: number;
  /** Status the backend answered with; 0 when the call was not forwarded. */
  backendResponseCode: number;
  requestSize: number;
  responseSize: number;
  /** Whole time in the gateway, ms. */
  apiTime: number;
  /** The backend's part of apiTime, ms; 0 when not forwarded. */
  serviceTime: number;
  requestId: string;
}
