/** The address public/apis/azureml-demo.openapi.json gives the emulator: its default port. */
export const DEFAULT_DEMO_SERVER = 'http://127.0.0.1:8790';

/**
 * The demo definition with its "Local demo stack" server pointed at the emulator that actually
 * runs (DEMO_SERVICE_PORT may move it), as the dev and preview servers do for the demo config:
 * the overview and the servers offered as environments then name a server that answers.
 * Any other document comes back unchanged.
 */
export function withRunningDemoServer(text: string, serviceUrl: string): string {
  const doc = JSON.parse(text) as { servers?: Array<{ url?: unknown }> };
  const local = doc.servers?.find((s) => s.url === DEFAULT_DEMO_SERVER);
  if (!local) return text;
  local.url = serviceUrl.replace(/\/+$/, '');
  return JSON.stringify(doc, null, 2);
}
