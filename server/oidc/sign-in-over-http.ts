import { createHash, randomBytes } from 'node:crypto';
import { CALLBACK_PATH, DEMO_SPA_CLIENT_ID, DEMO_USER } from './demo-identity';

/** Tokens as the token endpoint answers them. */
export interface TokenResponse {
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  expires_in: number;
  scope?: string;
  token_type: string;
}

/** A cookie jar for one browser: every cookie sent everywhere (the provider's paths are nested). */
class Cookies {
  private readonly jar = new Map<string, string>();

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      if (at > 0) this.jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  }

  header(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/**
 * What a browser does in the authorization code flow with PKCE against the demo provider's
 * development pages, over plain HTTP: follow the redirects, sign in, consent, take the code from
 * the redirect to the portal's callback and exchange it. Used by the provider's and the gateway's
 * tests; the portal's journeys do the same in a real browser.
 */
export async function signInWithCodeAndPkce(options: {
  issuer: string;
  portalOrigin: string;
  scope: string;
  resource?: string;
  password?: string;
}): Promise<TokenResponse> {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const redirectUri = `${options.portalOrigin}${CALLBACK_PATH}`;
  const state = randomBytes(8).toString('hex');
  const authorize = new URL(`${options.issuer}/auth`);
  authorize.search = new URLSearchParams({
    client_id: DEMO_SPA_CLIENT_ID,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: options.scope,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...(options.resource ? { resource: options.resource } : {}),
  }).toString();

  const cookies = new Cookies();
  const go = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: cookies.header() },
    });
    cookies.take(response);
    return response;
  };

  let url = authorize.toString();
  for (let step = 0; step < 12; step++) {
    const response = await go(url);
    const location = response.headers.get('location');
    if (response.status === 200 && /\/interaction\/[^/]+$/.test(new URL(url).pathname)) {
      const page = await response.text();
      const prompt = page.includes('name="password"') ? 'login' : 'consent';
      const form = new URLSearchParams({ prompt });
      if (prompt === 'login') {
        form.set('login', DEMO_USER.login);
        form.set('password', options.password ?? DEMO_USER.password);
      }
      const submitted = await go(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });
      const next = submitted.headers.get('location');
      if (!next) throw new SignInError(submitted.status, await submitted.text());
      url = new URL(next, url).toString();
      continue;
    }
    if (!location) throw new SignInError(response.status, await response.text());
    const target = new URL(location, url);
    if (target.origin + target.pathname === redirectUri) {
      const error = target.searchParams.get('error');
      if (error)
        throw new SignInError(
          400,
          `${error}: ${target.searchParams.get('error_description') ?? ''}`,
        );
      if (target.searchParams.get('state') !== state) throw new Error('state mismatch');
      const code = target.searchParams.get('code') ?? '';
      const token = await fetch(`${options.issuer}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          client_id: DEMO_SPA_CLIENT_ID,
          code,
          redirect_uri: redirectUri,
          code_verifier: verifier,
          ...(options.resource ? { resource: options.resource } : {}),
        }).toString(),
      });
      if (!token.ok) throw new SignInError(token.status, await token.text());
      return (await token.json()) as TokenResponse;
    }
    url = target.toString();
  }
  throw new Error('sign-in did not reach the redirect URI within 12 steps');
}

export class SignInError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`sign-in failed with ${status}: ${body.slice(0, 300)}`);
  }
}

/**
 * What a person does on the provider's device page (RFC 8628) with the code a device showed:
 * enter it, confirm, sign in as the demo user and consent, up to the provider's success page.
 */
export async function approveDeviceCode(options: {
  issuer: string;
  userCode: string;
}): Promise<void> {
  const cookies = new Cookies();
  const go = async (url: string, form?: Record<string, string>): Promise<Response> => {
    const response = await fetch(url, {
      redirect: 'manual',
      headers: {
        cookie: cookies.header(),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { method: 'POST', body: new URLSearchParams(form).toString() } : {}),
    });
    cookies.take(response);
    return response;
  };
  const xsrfOf = (page: string): string => /name="xsrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
  const device = `${options.issuer}/device`;
  const entry = await go(device);
  const confirm = await go(device, {
    xsrf: xsrfOf(await entry.text()),
    user_code: options.userCode,
  });
  let response = await go(device, {
    xsrf: xsrfOf(await confirm.text()),
    user_code: options.userCode,
    confirm: 'yes',
  });
  let url = device;
  for (let step = 0; step < 12; step++) {
    const location = response.headers.get('location');
    if (!location) {
      const page = await response.text();
      if (response.status === 200 && page.includes('Sign-in Success')) return;
      throw new SignInError(response.status, page);
    }
    url = new URL(location, url).toString();
    response = await go(url);
    if (response.status === 200 && /\/interaction\/[^/]+$/.test(new URL(url).pathname)) {
      const page = await response.text();
      response = await go(
        url,
        page.includes('name="password"')
          ? { prompt: 'login', login: DEMO_USER.login, password: DEMO_USER.password }
          : { prompt: 'consent' },
      );
    }
  }
  throw new Error('the device approval did not reach the success page within 12 steps');
}
