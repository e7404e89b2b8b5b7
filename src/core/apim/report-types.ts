/** APIM's report records (api-version 2022-08-01), as the local gateway and a real APIM send them. */
export interface ReportRecord {
  name?: string;
  timestamp?: string;
  interval?: string;
  apiId?: string;
  operationId?: string;
  productId?: string;
  subscriptionId?: string;
  userId?: string;
  callCountSuccess?: number;
  callCountBlocked?: number;
  callCountFailed?: number;
  callCountOther?: number;
  callCountTotal?: number;
  bandwidth?: number;
  apiTimeAvg?: number;
  apiTimeMin?: number;
  apiTimeMax?: number;
  serviceTimeAvg?: number;
  serviceTimeMin?: number;
  serviceTimeMax?: number;
}

export interface RequestRecord {
  apiId?: string;
  operationId?: string;
  productId?: string;
  subscriptionId?: string;
  method?: string;
  url?: string;
  responseCode?: number;
  backendResponseCode?: string;
  timestamp?: string;
  apiTime?: number;
  serviceTime?: number;
  requestId?: string;
}

export type AggregateReport = 'byOperation' | 'bySubscription' | 'byTime';
