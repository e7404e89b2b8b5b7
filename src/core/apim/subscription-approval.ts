/**
 * How a pending subscription becomes active on the local gateway: an administrator PATCHes its
 * state through the management API, as in APIM. Shown as one curl line; the admin key stays a
 * shell variable (the stack prints it as APIM_ADMIN_KEY), never in the page.
 */
export function approvalCommand(managementUrl: string, subscriptionId: string): string {
  const url = `${managementUrl.replace(/\/+$/, '')}/subscriptions/${encodeURIComponent(subscriptionId)}`;
  return `curl -X PATCH '${url}' -H "Authorization: Bearer $APIM_ADMIN_KEY" -H 'Content-Type: application/json' -d '{"properties":{"state":"active"}}'`;
}
