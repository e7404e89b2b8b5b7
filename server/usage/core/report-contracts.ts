/**
 * The shapes of API Management's reports API (api-version 2022-08-01), as the portal and
 * Azure's own SDK read them. Times are milliseconds; ids are resource paths.
 */
export interface ReportRecordContract {
  name?: string;
  timestamp?: string;
  interval?: string;
  apiId?: string;
  operationId?: string;
  productId?: string;
  subscriptionId?: string;
  userId?: string;
  callCountSuccess: number;
  callCountBlocked: number;
  callCountFailed: number;
  callCountOther: number;
  callCountTotal: number;
  bandwidth: number;
  cacheHitCount: number;
  cacheMissCount: number;
  apiTimeAvg: number;
  apiTimeMin: number;
  apiTimeMax: number;
  serviceTimeAvg: number;
  serviceTimeMin: number;
  serviceTimeMax: number;
}

export interface RequestReportRecordContract {
  apiId: string;
  operationId: string;
  productId: string;
  userId: string;
  method: string;
  url: string;
  ipAddress: string;
  backendResponseCode: string;
  responseCode: number;
  responseSize: number;
  timestamp: string;
  cache: string;
  apiTime: number;
  serviceTime: number;
  apiRegion: string;
  subscriptionId: string;
  requestId: string;
  requestSize: number;
}

export interface ReportList<T> {
  value: T[];
  count: number;
  nextLink: string | null;
}

export const REPORT_KINDS = [
  'byApi',
  'byOperation',
  'byProduct',
  'bySubscription',
  'byTime',
  'byRequest',
] as const;

export type ReportKind = (typeof REPORT_KINDS)[number];

export function isReportKind(value: string): value is ReportKind {
  return (REPORT_KINDS as readonly string[]).includes(value);
}
