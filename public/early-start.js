/* global document, fetch, location, window */
// Starts the downloads of the config and of the definition the page will show while the app's
// JavaScript is still loading. The app takes over this config response
// (src/core/config/early-config-fetch.ts), and its fetch of the definition is served by the preload.
// A file of its own, not inline in index.html, so the page's policy can forbid inline scripts.
const wanted = /^#\/apis\/([^/]+)/.exec(location.hash);
const configResponse = fetch('./portico.config.json', { credentials: 'same-origin' });
window.porticoConfigResponse = configResponse;
configResponse
  .then((r) => (r.ok ? r.clone().json() : null))
  .then((config) => {
    const apis = (config && Array.isArray(config.apis) && config.apis) || [];
    const id = wanted ? decodeURIComponent(wanted[1]) : undefined;
    const api = apis.find((a) => id === undefined || (a && a.id === id));
    if (!api || typeof api.url !== 'string') return;
    const link = document.createElement('link');
    link.rel = 'preload';
    link.as = 'fetch';
    link.crossOrigin = 'anonymous';
    link.href = api.url;
    document.head.appendChild(link);
  })
  .catch(() => {});
