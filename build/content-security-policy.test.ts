import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { devContentSecurityPolicy } from './content-security-policy.ts';

describe('devContentSecurityPolicy', () => {
  it("relaxes only the dev server's page: inline scripts for fast refresh, WebSockets for updates", () => {
    const plugin = devContentSecurityPolicy();
    const transform = plugin.transformIndexHtml as (html: string) => string;
    const html = readFileSync(new URL('../index.html', import.meta.url), 'utf8');
    const policy = (page: string) =>
      /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(page)?.[1];
    expect(plugin.apply).toBe('serve');
    expect(policy(transform(html))).toBe(
      (policy(html) ?? '')
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws: wss:"),
    );
    expect(policy(transform(html))).toContain("script-src 'self' 'unsafe-inline';");
  });
});
