export type CallOutcome = 'success' | 'blocked' | 'failed' | 'other';

/** API Management's counting rules for the reports (see the reference). */
export function callOutcome(responseCode: number): CallOutcome {
  if (responseCode <= 301 || responseCode === 304 || responseCode === 307) return 'success';
  if (responseCode === 401 || responseCode === 403 || responseCode === 429) return 'blocked';
  if (responseCode === 400 || (responseCode >= 500 && responseCode <= 599)) return 'failed';
  return 'other';
}
