import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string): string => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

// The meta tag is the policy every page gets, whatever the host; the hosts' files add what a meta
// tag cannot carry (frame-ancestors) and the two headers that have no meta form.
const metaPolicy = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(
  read('index.html'),
)?.[1];
const expected = {
  'Content-Security-Policy': `${metaPolicy}; frame-ancestors 'none'`,
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
};

describe('security headers shipped for static hosts', () => {
  it('index.html carries a policy without inline scripts or eval', () => {
    expect(metaPolicy).toBeDefined();
    expect(/script-src ([^;]*)/.exec(metaPolicy ?? '')?.[1]).toBe("'self'");
    expect(metaPolicy).not.toMatch(/unsafe-eval/);
  });

  it('Azure Static Web Apps: public/staticwebapp.config.json', () => {
    const config = JSON.parse(read('public/staticwebapp.config.json')) as {
      globalHeaders: Record<string, string>;
    };
    expect(config.globalHeaders).toEqual(expected);
  });

  it('Netlify and Cloudflare Pages: public/_headers', () => {
    const lines = read('public/_headers')
      .split('\n')
      .filter((line) => line.startsWith('  '))
      .map((line) => line.trim().split(/:\s(.*)/s));
    expect(Object.fromEntries(lines)).toEqual(expected);
  });

  it('nginx: deploy/nginx-security-headers.conf', () => {
    const lines = [
      ...read('deploy/nginx-security-headers.conf').matchAll(
        /^add_header (\S+) "([^"]*)" always;$/gm,
      ),
    ].map((m) => [m[1], m[2]]);
    expect(Object.fromEntries(lines)).toEqual(expected);
  });
});
