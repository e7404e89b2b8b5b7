/**
 * Where the Local demo hands out a container SAS. A relative endpoint hangs off the
 * environment's base URL (the service itself); an absolute one is used as is, because an
 * environment that goes through the API Management gateway publishes only the API's
 * operations, not the demo's SAS helper.
 */
export function demoSasEndpointUrl(baseUrl: string, endpoint: string): string {
  if (/^https?:\/\//i.test(endpoint)) return endpoint;
  return `${baseUrl.replace(/\/+$/, '')}/${endpoint.replace(/^\/+/, '')}`;
}
