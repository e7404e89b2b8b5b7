import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Provider, errors, type KoaContext, type Middleware } from 'oidc-provider';
import { allowedHostValues } from '../http/http-edges';
import {
  CALLBACK_PATH,
  DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
  DEFAULT_DEMO_CLIENT_SECRET,
  DEMO_API_RESOURCE,
  DEMO_RESOURCES,
  DEMO_SERVICE_CLIENT_ID,
  DEMO_SPA_CLIENT_ID,
  DEMO_USER,
  KNOWN_SCOPES,
  SERVICE_SCOPES,
  SPA_SCOPES,
} from './demo-identity';
import { FileStore } from './file-adapter';
import { loadProviderSecrets } from './provider-secrets';

export interface OidcProviderOptions {
  /** 0 picks a free port (tests). */
  port: number;
  host?: string;
  /** Keys and sessions are kept in `<dataDir>/oidc/`. */
  dataDir: string;
  /** Portal origins: CORS is answered for these only, and `<origin>/oauth-callback.html` is the SPA's redirect URI. */
  portalOrigins: readonly string[];
  clientSecret?: string;
  accessTokenTtlSeconds?: number;
  /** More `Host` names to answer to (DEMO_PUBLIC_HOSTS). */
  publicHosts?: readonly string[];
  log?: (message: string) => void;
}

export interface OidcProvider {
  /** Starts listening; resolves to the issuer, e.g. http://127.0.0.1:8792. */
  listen: () => Promise<string>;
  close: () => Promise<void>;
}

const INTERACTION_SUBMIT = /^\/interaction\/([A-Za-z0-9_-]+)$/;
const BODY_LIMIT = 16 * 1024;

/**
 * The demo stack's OpenID provider: `oidc-provider` (the certified Node implementation) with the
 * demo's clients, user and APIs (demo-identity.ts). What it adds around the library: a Host check,
 * CORS for the portal's origins only, and a password check on the development sign-in page (which
 * by itself accepts any login and ignores the password).
 */
export function createOidcProvider(options: OidcProviderOptions): OidcProvider {
  const host = options.host ?? '127.0.0.1';
  const ttl = options.accessTokenTtlSeconds ?? DEFAULT_ACCESS_TOKEN_TTL_SECONDS;
  const origins = new Set(options.portalOrigins);
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server: Server = createServer((req, res) => {
    if (handler) handler(req, res);
    else res.writeHead(503).end();
  });
  let store: FileStore | undefined;

  return {
    listen: async () => {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      const issuer = `http://${host}:${port}`;
      const folder = join(options.dataDir, 'oidc');
      const secrets = await loadProviderSecrets(join(folder, 'keys.json'));
      store = await FileStore.open(join(folder, 'store.json'));
      const provider = new Provider(issuer, {
        ...configuration({
          origins,
          ttl,
          clientSecret: options.clientSecret ?? DEFAULT_DEMO_CLIENT_SECRET,
        }),
        jwks: { keys: secrets.signingKeys },
        cookies: { keys: secrets.cookieKeys },
        adapter: (model: string) => store?.adapterFor(model),
      });
      provider.use(hostCheck(allowedHostValues(host, port, options.publicHosts ?? [])));
      provider.use(portalOnlyCors(origins));
      provider.use(demoPasswordCheck());
      provider.on('server_error', (_ctx, error) => options.log?.(`server error: ${String(error)}`));
      handler = provider.callback();
      return issuer;
    },
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await store?.flush();
    },
  };
}

function configuration(settings: {
  origins: ReadonlySet<string>;
  ttl: number;
  clientSecret: string;
}): Record<string, unknown> {
  const { origins, ttl, clientSecret } = settings;
  return {
    clients: [
      {
        client_id: DEMO_SPA_CLIENT_ID,
        client_name: 'Portico (demo)',
        token_endpoint_auth_method: 'none',
        application_type: 'web',
        grant_types: [
          'authorization_code',
          'refresh_token',
          'urn:ietf:params:oauth:grant-type:device_code',
        ],
        response_types: ['code'],
        redirect_uris: [...origins].map((origin) => `${origin}${CALLBACK_PATH}`),
        post_logout_redirect_uris: [...origins].map((origin) => `${origin}${CALLBACK_PATH}`),
        scope: SPA_SCOPES.join(' '),
      },
      {
        client_id: DEMO_SERVICE_CLIENT_ID,
        client_name: 'Portico demo service',
        client_secret: clientSecret,
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        scope: SERVICE_SCOPES.join(' '),
      },
    ],
    scopes: KNOWN_SCOPES,
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username'],
      email: ['email', 'email_verified'],
    },
    // Every public client must use PKCE; oidc-provider accepts only S256.
    pkce: { required: () => true },
    clientBasedCORS: (_ctx: unknown, origin: string) => origins.has(origin),
    findAccount: (_ctx: unknown, sub: string) =>
      sub === DEMO_USER.login
        ? {
            accountId: sub,
            claims: () => ({
              sub,
              name: DEMO_USER.name,
              preferred_username: DEMO_USER.login,
              email: DEMO_USER.email,
              email_verified: true,
            }),
          }
        : undefined,
    features: {
      devInteractions: { enabled: true },
      clientCredentials: { enabled: true },
      deviceFlow: { enabled: true },
      revocation: { enabled: true },
      introspection: { enabled: false },
      resourceIndicators: {
        enabled: true,
        // A request that names no resource gets a token for the demo API (a JWT the gateway checks).
        defaultResource: (_ctx: unknown, _client: unknown, oneOf?: string) =>
          oneOf ?? DEMO_API_RESOURCE.indicator,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, indicator: string) => {
          const resource = DEMO_RESOURCES.find((r) => r.indicator === indicator);
          if (!resource)
            throw new errors.InvalidTarget(
              `unknown resource ${indicator}; this provider issues tokens for ${DEMO_RESOURCES.map((r) => r.indicator).join(', ')}`,
            );
          return {
            scope: resource.scope,
            audience: resource.indicator,
            accessTokenTTL: ttl,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    // oidc-provider keeps `offline_access` only with `prompt=consent` (OpenID Connect Core 11), so
    // by default a browser client would never get a refresh token without a consent screen at every
    // sign-in. The demo gives one to every client allowed the refresh_token grant (the SPA).
    issueRefreshToken: (_ctx: unknown, client: { grantTypeAllowed(type: string): boolean }) =>
      client.grantTypeAllowed('refresh_token'),
    ttl: {
      AccessToken: ttl,
      ClientCredentials: ttl,
      RefreshToken: 24 * 60 * 60,
      Session: 24 * 60 * 60,
      Grant: 24 * 60 * 60,
      Interaction: 60 * 60,
      AuthorizationCode: 60,
      DeviceCode: 10 * 60,
      IdToken: 60 * 60,
    },
  };
}

/** A page that rebinds its own name to 127.0.0.1 must not drive the provider (as the other servers). */
function hostCheck(allowed: readonly string[]): Middleware {
  return async (ctx, next) => {
    const given = ctx.get('host').trim().toLowerCase();
    if (allowed.includes(given)) return next();
    ctx.status = 400;
    ctx.body = {
      error: 'invalid_request',
      error_description: `The Host header ${given === '' ? 'is missing' : `'${given.slice(0, 200)}' is not an address of this provider`}. It answers to ${allowed.join(', ')}; to reach it under another name, start it with DEMO_PUBLIC_HOSTS=<name>.`,
    };
  };
}

/**
 * oidc-provider answers CORS on discovery and JWKS for any origin, and on the client endpoints as
 * clientBasedCORS decides. The demo answers the portal's origins only, everywhere.
 */
function portalOnlyCors(origins: ReadonlySet<string>): Middleware {
  return async (ctx, next) => {
    await next();
    const origin = ctx.get('origin');
    if (origin && !origins.has(origin)) {
      for (const name of [
        'Access-Control-Allow-Origin',
        'Access-Control-Allow-Methods',
        'Access-Control-Allow-Headers',
        'Access-Control-Expose-Headers',
        'Access-Control-Max-Age',
      ])
        ctx.remove(name);
    }
  };
}

/**
 * The development sign-in page asks for a login and a password but only uses the login. The demo
 * user's password is checked here, before the page's own handler sees the form.
 */
function demoPasswordCheck(): Middleware {
  return async (ctx, next) => {
    const match = INTERACTION_SUBMIT.exec(ctx.path);
    if (ctx.method !== 'POST' || !match) return next();
    const raw = await readBody(ctx);
    if (raw === undefined) {
      ctx.status = 413;
      ctx.body = { error: 'invalid_request', error_description: 'The form is too large.' };
      return;
    }
    const form = new URLSearchParams(raw);
    if (
      form.get('prompt') === 'login' &&
      (form.get('login') !== DEMO_USER.login || form.get('password') !== DEMO_USER.password)
    ) {
      ctx.status = 401;
      ctx.type = 'html';
      ctx.set('Cache-Control', 'no-store');
      ctx.body = signInFailedPage(`/interaction/${match[1] ?? ''}`);
      return;
    }
    // oidc-provider reads an already-read body from req.body.
    ctx.req.body = raw;
    return next();
  };
}

async function readBody(ctx: KoaContext): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function signInFailedPage(retryPath: string): string {
  // retryPath holds only [A-Za-z0-9_/-] (INTERACTION_SUBMIT): nothing to escape.
  return `<!DOCTYPE html>
<html lang="en">
  <head><meta charset="utf-8"><title>Sign-in failed</title></head>
  <body>
    <main>
      <h1>Sign-in failed</h1>
      <p>The login or password is wrong. The demo user is <strong>${DEMO_USER.login}</strong>; its password is printed in the demo stack's banner.</p>
      <p><a href="${retryPath}">Try again</a></p>
    </main>
  </body>
</html>
`;
}
