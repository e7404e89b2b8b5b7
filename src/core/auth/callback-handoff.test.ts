import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { StorageLike } from '../util/browser-storage';
import {
  CALLBACK_KEY,
  CALLBACK_MESSAGE,
  callbackUrlOf,
  PENDING_PREFIX,
  redirectUriFor,
  savePending,
  stateOf,
  takePending,
  takeRedirectCallback,
} from './callback-handoff';
import type { PendingAuthorization } from './sign-in';

function memoryStorage(): StorageLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const ORIGIN = 'http://127.0.0.1:5173';
const pending = (mode: 'popup' | 'redirect', startedAt = 1_000): PendingAuthorization => ({
  state: 'st4te',
  nonce: 'n',
  codeVerifier: 'v',
  redirectUri: `${ORIGIN}/oauth-callback.html`,
  clientId: 'spa',
  server: { issuer: 'http://127.0.0.1:8792' },
  parameters: { scopes: ['openid'] },
  environmentId: 'local-demo',
  schemeId: 'portico_oidc',
  mode,
  returnTo: `${ORIGIN}/#/apis/azureml-demo/operations/executeSignedIn`,
  keepInTab: false,
  startedAt,
});

describe('the pending sign-in and the callback URL', () => {
  it('is read once, by the state the provider sent back, and forgotten when stale', () => {
    const storage = memoryStorage();
    savePending(storage, pending('popup'));
    const callback = `${ORIGIN}/oauth-callback.html?code=c&state=st4te`;
    expect(takePending(storage, callback, 2_000)?.codeVerifier).toBe('v');
    expect(takePending(storage, callback, 2_000)).toBeUndefined();
    savePending(storage, pending('popup'));
    expect(takePending(storage, callback, 1_000 + 16 * 60_000)).toBeUndefined();
    expect(storage.data.size).toBe(0);
  });

  it('reads the state from the query or the fragment', () => {
    expect(stateOf(`${ORIGIN}/oauth-callback.html?state=a&code=b`)).toBe('a');
    expect(stateOf(`${ORIGIN}/oauth-callback.html#state=f&code=b`)).toBe('f');
    expect(stateOf('not a url')).toBeUndefined();
  });

  it('accepts a message only from this origin and only with a callback URL of it', () => {
    const data = { type: CALLBACK_MESSAGE, url: `${ORIGIN}/oauth-callback.html?code=1` };
    expect(callbackUrlOf({ origin: ORIGIN, data }, ORIGIN)).toBe(data.url);
    expect(callbackUrlOf({ origin: 'https://evil.example', data }, ORIGIN)).toBeUndefined();
    expect(
      callbackUrlOf({ origin: ORIGIN, data: { ...data, url: 'https://evil.example/' } }, ORIGIN),
    ).toBeUndefined();
    expect(callbackUrlOf({ origin: ORIGIN, data: 'x' }, ORIGIN)).toBeUndefined();
  });

  it('the redirect URI is the callback page beside the portal page', () => {
    expect(redirectUriFor({ origin: ORIGIN, pathname: '/' })).toBe(`${ORIGIN}/oauth-callback.html`);
    expect(redirectUriFor({ origin: 'https://x.example', pathname: '/portal/index.html' })).toBe(
      'https://x.example/portal/oauth-callback.html',
    );
  });
});

describe('public/oauth-callback.js', () => {
  const script = readFileSync(
    new URL('../../../public/oauth-callback.js', import.meta.url),
    'utf8',
  );
  const html = readFileSync(
    new URL('../../../public/oauth-callback.html', import.meta.url),
    'utf8',
  );

  function run(href: string, storage: StorageLike, opener: unknown) {
    const url = new URL(href);
    const posted: Array<[unknown, string]> = [];
    const broadcast: unknown[] = [];
    const replaced: string[] = [];
    let closed = false;
    const status = { textContent: '' };
    const openerWindow =
      opener === 'same'
        ? {
            location: { origin: url.origin },
            postMessage: (m: unknown, o: string) => posted.push([m, o]),
          }
        : opener === 'cross'
          ? {
              get location(): never {
                throw new Error('SecurityError');
              },
            }
          : null;
    runInNewContext(script, {
      URL,
      URLSearchParams,
      JSON,
      sessionStorage: storage,
      location: {
        href,
        origin: url.origin,
        pathname: url.pathname,
        search: url.search,
        hash: url.hash,
        replace: (to: string) => replaced.push(to),
      },
      history: { replaceState: () => undefined },
      document: { getElementById: () => status },
      BroadcastChannel: class {
        postMessage(m: unknown) {
          broadcast.push(m);
        }
        close() {}
      },
      window: {
        opener: openerWindow,
        close: () => {
          closed = true;
        },
      },
    });
    return { posted, broadcast, replaced, closed: () => closed, status };
  }

  it('has no inline script and shares the names with callback-handoff.ts', () => {
    expect(html).toMatch(/<script src="\.\/oauth-callback\.js" defer><\/script>/);
    expect(html.replace(/<script src="[^"]+" defer><\/script>/, '')).not.toMatch(/<script/);
    for (const name of [PENDING_PREFIX, CALLBACK_KEY, CALLBACK_MESSAGE, 'portico-oauth'])
      expect(script).toContain(`'${name}'`);
  });

  it('in a pop-up, posts the URL to the same-origin opener and the channel, then closes', () => {
    const storage = memoryStorage();
    savePending(storage, pending('popup'));
    const href = `${ORIGIN}/oauth-callback.html?code=c&state=st4te`;
    const result = run(href, storage, 'same');
    expect(result.posted).toEqual([[{ type: CALLBACK_MESSAGE, url: href }, ORIGIN]]);
    expect(result.broadcast).toEqual([{ type: CALLBACK_MESSAGE, url: href }]);
    expect(result.closed()).toBe(true);
    expect(result.replaced).toEqual([]);
  });

  it('never posts to a cross-origin opener', () => {
    const storage = memoryStorage();
    savePending(storage, pending('popup'));
    const result = run(`${ORIGIN}/oauth-callback.html?code=c&state=st4te`, storage, 'cross');
    expect(result.posted).toEqual([]);
    expect(result.broadcast).toHaveLength(1);
  });

  it('after a redirect, stores the URL and returns to the page the sign-in started on', () => {
    const storage = memoryStorage();
    savePending(storage, pending('redirect'));
    const href = `${ORIGIN}/oauth-callback.html?code=c&state=st4te`;
    const result = run(href, storage, null);
    expect(storage.getItem(CALLBACK_KEY)).toBe(href);
    expect(result.replaced).toEqual([pending('redirect').returnTo]);
    expect(takeRedirectCallback(storage)).toBe(href);
    expect(takeRedirectCallback(storage)).toBeUndefined();
  });

  it('returns to the portal start page, never to another origin', () => {
    const storage = memoryStorage();
    savePending(storage, { ...pending('redirect'), returnTo: 'https://evil.example/' });
    const result = run(`${ORIGIN}/oauth-callback.html?code=c&state=st4te`, storage, null);
    expect(result.replaced).toEqual(['/']);
  });
});
