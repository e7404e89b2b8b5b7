import type { Plugin } from 'vite';

/**
 * The dev server (`npm start`, `vite`) needs what the build does not: React's fast-refresh
 * preamble is an inline script and hot updates arrive over a WebSocket. Only the page it serves
 * is relaxed; `vite build` and `vite preview` (the e2e journeys) keep index.html's policy as is.
 */
export function devContentSecurityPolicy(): Plugin {
  return {
    name: 'portico-dev-content-security-policy',
    apply: 'serve',
    transformIndexHtml(html) {
      return html.replace(
        /(http-equiv="Content-Security-Policy"\s+content=")([^"]*)"/,
        (_match, start: string, policy: string) =>
          `${start}${policy
            .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
            .replace("connect-src 'self'", "connect-src 'self' ws: wss:")}"`,
      );
    },
  };
}
