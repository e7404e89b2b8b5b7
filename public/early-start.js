/* global document, fetch, location, window, Worker, URL */
// Starts, while the app's JavaScript is still loading, the download of the config and the
// definition worker; once the config names the API the address shows, the worker starts
// downloading its definition. The app takes over the config response
// (src/core/config/early-config-fetch.ts) and the worker
// (src/core/definition/definition-worker-client.ts), whose first load of that definition uses
// the download already under way (the 'prefetch' message of definition-worker-protocol.ts).
// A file of its own, not inline in index.html, so the page's policy can forbid inline scripts.
const wanted = /^#\/apis\/([^/]+)/.exec(location.hash);
const configResponse = fetch('./portico.config.json', { credentials: 'same-origin' });
window.porticoConfigResponse = configResponse;
// The build names the worker's file (build/early-definition-worker.ts); the dev server does not.
const workerFile = document.querySelector('meta[name="portico-definition-worker"]');
let worker;
try {
  if (workerFile) {
    worker = new Worker(new URL(workerFile.content, document.baseURI), {
      type: 'module',
      name: 'definition',
    });
    window.porticoDefinitionWorker = worker;
  }
} catch {
  // The app starts its own.
}
configResponse
  .then((r) => (r.ok ? r.clone().json() : null))
  .then((config) => {
    const apis = (config && Array.isArray(config.apis) && config.apis) || [];
    const id = wanted ? decodeURIComponent(wanted[1]) : undefined;
    const api = apis.find((a) => id === undefined || (a && a.id === id));
    if (!worker || !api || typeof api.url !== 'string') return;
    worker.postMessage({ type: 'prefetch', url: new URL(api.url, document.baseURI).href });
  })
  .catch(() => {});
