import {
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors,
  importJWK,
  jwtVerify,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import type { PolicyCall } from './policy-call';
import type { PolicyPipeline } from './policy-pipeline';
import type { XmlElement } from './policy-xml';

/**
 * APIM's validate-jwt (docs/reference/oidc-and-validate-jwt.md, ADR 0016): a compiled step, and the
 * asynchronous check that runs before the engine's synchronous inbound (JwtValidator). The engine
 * only reads the verdict the check left on the call.
 */
export interface ValidateJwtStep {
  kind: 'validate-jwt';
  headerName: string;
  failedStatus: number;
  /** Replaces every failure's own message when set. */
  failedMessage?: string;
  requireScheme?: string;
  requireExpirationTime: boolean;
  requireSignedTokens: boolean;
  clockSkewSeconds: number;
  openIdConfigUrls: string[];
  /** `<issuer-signing-keys>` as JWKs (symmetric `<key>` base64, or RSA `n` and `e`). */
  signingKeys: JWK[];
  audiences: string[];
  issuers: string[];
  requiredClaims: RequiredClaim[];
}

export interface RequiredClaim {
  name: string;
  match: 'all' | 'any';
  separator?: string;
  values: string[];
}

/** What the check found for one validate-jwt step of one call. */
export type JwtVerdict = { ok: true; claims: JWTPayload } | { ok: false; message: string };

/** Verdicts by step, put on the call (`PolicyCall.jwtVerdicts`) before `engine.inbound()`. */
export type JwtVerdicts = ReadonlyMap<ValidateJwtStep, JwtVerdict>;

export const JWT_NOT_PRESENT = 'JWT not present.';

/** The compiler's helpers validate-jwt uses (policy-document.ts's DocumentCompiler). */
export interface ElementCompiler {
  fail(message: string, element: XmlElement, target: string, attribute?: string): never;
  elements(element: XmlElement, path: string): XmlElement[];
  textOf(element: XmlElement, path: string): string;
  reader(element: XmlElement, path: string): AttributeReading;
}

interface AttributeReading {
  literal(name: string, required: true): string;
  literal(name: string, required?: false): string | undefined;
  integer(name: string, range: { min: number; max?: number }): number | undefined;
  boolean(name: string): boolean | undefined;
  headerName(name: string): string | undefined;
  variableName(name: string): string | undefined;
  refuse(name: string, why: string): void;
  done(why?: string): void;
}

/** Compiles `<validate-jwt>` at PUT; an openid-config URL on an untrusted host is refused here. */
export function compileValidateJwt(
  compiler: ElementCompiler,
  element: XmlElement,
  options: { isTrustedBackend: (url: URL) => boolean; trustSetting: string },
): ValidateJwtStep {
  const path = 'validate-jwt';
  const attributes = compiler.reader(element, path);
  attributes.refuse(
    'query-parameter-name',
    'is not supported by the local gateway: tokens in URLs end up in logs; send it in a header',
  );
  attributes.refuse(
    'token-value',
    'is not supported by the local gateway (it takes no expressions here): use header-name',
  );
  const headerName = attributes.headerName('header-name') ?? 'Authorization';
  const failedStatus =
    attributes.integer('failed-validation-httpcode', { min: 400, max: 599 }) ?? 401;
  const failedMessage = attributes.literal('failed-validation-error-message');
  const requireScheme = attributes.literal('require-scheme');
  const requireExpirationTime = attributes.boolean('require-expiration-time') ?? true;
  const requireSignedTokens = attributes.boolean('require-signed-tokens') ?? true;
  const clockSkewSeconds = attributes.integer('clock-skew', { min: 0, max: 3600 }) ?? 0;
  // Accepted so that APIM's documents load; no supported expression reads variables.
  attributes.variableName('output-token-variable-name');
  attributes.done();
  if (!requireSignedTokens)
    compiler.fail(
      'validate-jwt/@require-signed-tokens="false" is not supported by the local gateway: it checks signed tokens only.',
      element,
      `${path}/@require-signed-tokens`,
      'require-signed-tokens',
    );

  const step: ValidateJwtStep = {
    kind: 'validate-jwt',
    headerName,
    failedStatus,
    ...(failedMessage === undefined ? {} : { failedMessage }),
    ...(requireScheme === undefined ? {} : { requireScheme }),
    requireExpirationTime,
    requireSignedTokens,
    clockSkewSeconds,
    openIdConfigUrls: [],
    signingKeys: [],
    audiences: [],
    issuers: [],
    requiredClaims: [],
  };
  const seen = new Set<string>();
  for (const child of compiler.elements(element, path)) {
    const at = `${path}/${child.name}`;
    if (child.name !== 'openid-config' && seen.has(child.name))
      compiler.fail(`<${child.name}> appears twice in <validate-jwt>.`, child, at);
    seen.add(child.name);
    switch (child.name) {
      case 'openid-config': {
        const reader = compiler.reader(child, at);
        const url = reader.literal('url', true);
        reader.done();
        const refusal = openIdConfigRefusal(url, options);
        if (refusal) compiler.fail(refusal, child, `${at}/@url`, 'url');
        step.openIdConfigUrls.push(url);
        break;
      }
      case 'audiences':
        step.audiences = textList(compiler, child, at, 'audience');
        break;
      case 'issuers':
        step.issuers = textList(compiler, child, at, 'issuer');
        break;
      case 'issuer-signing-keys':
        step.signingKeys = signingKeys(compiler, child, at);
        break;
      case 'required-claims':
        step.requiredClaims = requiredClaims(compiler, child, at);
        break;
      case 'decryption-keys':
        compiler.fail(
          '<decryption-keys> is not supported by the local gateway: it checks signed tokens (JWS), not encrypted ones.',
          child,
          at,
        );
        break;
      default:
        compiler.fail(
          `<validate-jwt> holds openid-config, issuer-signing-keys, audiences, issuers and required-claims, not <${child.name}>.`,
          child,
          at,
        );
    }
  }
  if (step.openIdConfigUrls.length === 0 && step.signingKeys.length === 0)
    compiler.fail(
      '<validate-jwt> needs an <openid-config url="..."> or <issuer-signing-keys> to check signatures with.',
      element,
      path,
    );
  return step;
}

/** Why an openid-config URL may not be fetched, or undefined when it may. */
export function openIdConfigRefusal(
  value: string,
  options: { isTrustedBackend: (url: URL) => boolean; trustSetting: string },
): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `openid-config url '${value}' is not an absolute URL.`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `openid-config url '${value}' must be an http or https URL.`;
  if (!options.isTrustedBackend(url))
    return `openid-config url host '${url.host}' is not a trusted host: the gateway fetches discovery documents and keys only from trusted hosts; add it to ${options.trustSetting}.`;
  return undefined;
}

function textList(
  compiler: ElementCompiler,
  element: XmlElement,
  path: string,
  item: string,
): string[] {
  compiler.reader(element, path).done();
  const values: string[] = [];
  for (const child of compiler.elements(element, path)) {
    if (child.name !== item)
      compiler.fail(
        `<${element.name}> holds <${item}> elements only, not <${child.name}>.`,
        child,
        `${path}/${child.name}`,
      );
    compiler.reader(child, `${path}/${item}`).done();
    const text = compiler.textOf(child, `${path}/${item}`).trim();
    if (text === '') compiler.fail(`<${item}> cannot be empty.`, child, `${path}/${item}`);
    if (text.startsWith('@'))
      compiler.fail(`Expressions are not supported in ${path}/${item}.`, child, `${path}/${item}`);
    values.push(text);
  }
  if (values.length === 0)
    compiler.fail(`<${element.name}> needs at least one <${item}>.`, element, path);
  return values;
}

function signingKeys(compiler: ElementCompiler, element: XmlElement, path: string): JWK[] {
  compiler.reader(element, path).done();
  const keys: JWK[] = [];
  for (const child of compiler.elements(element, path)) {
    const at = `${path}/key`;
    if (child.name !== 'key')
      compiler.fail(
        `<issuer-signing-keys> holds <key> elements only, not <${child.name}>.`,
        child,
        at,
      );
    const reader = compiler.reader(child, at);
    reader.refuse(
      'certificate-id',
      'is not supported by the local gateway (it has no certificate store): give n and e, or a base64 key',
    );
    const n = reader.literal('n');
    const e = reader.literal('e');
    reader.done();
    const text = compiler.textOf(child, at).trim();
    if (n !== undefined || e !== undefined) {
      if (!n || !e || text !== '')
        compiler.fail('An RSA <key> needs both n and e (base64url) and no text.', child, at);
      keys.push({ kty: 'RSA', n, e });
    } else {
      if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text))
        compiler.fail('A symmetric <key> must be base64 text.', child, at);
      keys.push({ kty: 'oct', k: Buffer.from(text, 'base64').toString('base64url') });
    }
  }
  if (keys.length === 0)
    compiler.fail('<issuer-signing-keys> needs at least one <key>.', element, path);
  return keys;
}

function requiredClaims(
  compiler: ElementCompiler,
  element: XmlElement,
  path: string,
): RequiredClaim[] {
  compiler.reader(element, path).done();
  const claims: RequiredClaim[] = [];
  for (const child of compiler.elements(element, path)) {
    const at = `${path}/claim`;
    if (child.name !== 'claim')
      compiler.fail(
        `<required-claims> holds <claim> elements only, not <${child.name}>.`,
        child,
        at,
      );
    const reader = compiler.reader(child, at);
    const name = reader.literal('name', true);
    const match = reader.literal('match') ?? 'all';
    if (match !== 'all' && match !== 'any')
      compiler.fail(`match must be all or any, not '${match}'.`, child, `${at}/@match`, 'match');
    const separator = reader.literal('separator');
    reader.done();
    const values: string[] = [];
    for (const value of compiler.elements(child, at)) {
      if (value.name !== 'value')
        compiler.fail(`<claim> holds <value> elements only, not <${value.name}>.`, value, at);
      compiler.reader(value, `${at}/value`).done();
      values.push(compiler.textOf(value, `${at}/value`).trim());
    }
    claims.push({ name, match, ...(separator ? { separator } : {}), values });
  }
  return claims;
}

/** The engine's part: the verdict the check left, or a refusal when there is none. */
export function jwtRefusal(
  step: ValidateJwtStep,
  call: PolicyCall,
): { status: number; message: string } | undefined {
  const verdict = call.jwtVerdicts?.get(step);
  if (verdict?.ok) return undefined;
  // No verdict means the call skipped the check: refused, never let through.
  const message = verdict?.message ?? 'The token was not checked. Access denied.';
  return { status: step.failedStatus, message: step.failedMessage ?? message };
}

interface CachedDocument<T> {
  value: T;
  fetchedAt: number;
}

/** APIM refreshes a provider's metadata hourly. */
const METADATA_MAX_AGE_MS = 60 * 60 * 1000;
/** A token with an unknown kid refetches the keys (rotation), at most this often per URL. */
const KEYS_COOLDOWN_MS = 30 * 1000;
const SIGNED_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'HS256',
  'HS384',
  'HS512',
];

class ConfigurationUnavailable extends Error {}

/**
 * The asynchronous half of validate-jwt: reads the token, fetches (and caches) each provider's
 * discovery document and JWKS from trusted hosts only, and verifies with `jose`. One instance per
 * gateway; the proxy calls `verify()` before the engine's synchronous `inbound()`.
 */
export class JwtValidator {
  private readonly configurations = new Map<
    string,
    Promise<CachedDocument<{ issuer?: string; jwksUri: string }>>
  >();
  private readonly keySets = new Map<string, Promise<CachedDocument<JWTVerifyGetKey>>>();
  private readonly clock: () => number;

  constructor(
    private readonly options: {
      isTrustedBackend: (url: URL) => boolean;
      trustSetting: string;
      /** GETs a JSON document (the http layer's; this folder stays free of HTTP clients). */
      fetchJson: (url: string) => Promise<unknown>;
      clock?: () => number;
      log?: (message: string) => void;
    },
  ) {
    this.clock = options.clock ?? Date.now;
  }

  /** Verdicts for the pipeline's validate-jwt steps; undefined when it has none. */
  async verify(pipeline: PolicyPipeline, call: PolicyCall): Promise<JwtVerdicts | undefined> {
    let verdicts: Map<ValidateJwtStep, JwtVerdict> | undefined;
    for (const { step } of pipeline.inbound) {
      if (step.kind !== 'validate-jwt') continue;
      verdicts ??= new Map();
      verdicts.set(step, await this.check(step, call));
    }
    return verdicts;
  }

  private async check(step: ValidateJwtStep, call: PolicyCall): Promise<JwtVerdict> {
    const raw = call.headers[step.headerName.toLowerCase()];
    const header = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? '';
    if (header === '') return { ok: false, message: JWT_NOT_PRESENT };
    const scheme = /^(\S+)\s+(\S+)$/.exec(header);
    if (
      step.requireScheme !== undefined &&
      scheme?.[1]?.toLowerCase() !== step.requireScheme.toLowerCase()
    )
      return {
        ok: false,
        message: `The ${step.headerName} header must hold '${step.requireScheme} <token>'. Access denied.`,
      };
    const token = scheme?.[2] ?? header;
    let header_: { alg?: string; kid?: string };
    let claims: JWTPayload;
    try {
      header_ = decodeProtectedHeader(token);
      claims = decodeJwt(token);
    } catch {
      return { ok: false, message: 'The token is not a valid JWT. Access denied.' };
    }
    if (!header_.alg || header_.alg.toLowerCase() === 'none')
      return {
        ok: false,
        message: "The token is not signed (alg 'none'); signed tokens are required. Access denied.",
      };

    let keySources: JWTVerifyGetKey[];
    let issuers = step.issuers;
    try {
      keySources = await this.keySources(step);
      if (issuers.length === 0) issuers = await this.discoveredIssuers(step);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      this.options.log?.(`validate-jwt: ${detail}`);
      return { ok: false, message: `${detail} Access denied.` };
    }

    const now = this.clock();
    let lastError: unknown;
    for (const key of keySources) {
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: SIGNED_ALGORITHMS,
          clockTolerance: step.clockSkewSeconds,
          currentDate: new Date(now),
          ...(issuers.length > 0 ? { issuer: issuers } : {}),
          ...(step.audiences.length > 0 ? { audience: step.audiences } : {}),
          ...(step.requireExpirationTime ? { requiredClaims: ['exp'] } : {}),
        });
        const claimFailure = checkRequiredClaims(step.requiredClaims, payload);
        if (claimFailure) return { ok: false, message: claimFailure };
        return { ok: true, claims: payload };
      } catch (error) {
        lastError = error;
        // Another key source may hold the signing key; any other failure is final.
        if (
          !(error instanceof errors.JWSSignatureVerificationFailed) &&
          !(error instanceof errors.JWKSNoMatchingKey)
        )
          break;
      }
    }
    return { ok: false, message: failureMessage(lastError, claims, header_, step, issuers, now) };
  }

  private async keySources(step: ValidateJwtStep): Promise<JWTVerifyGetKey[]> {
    const sources: JWTVerifyGetKey[] = [];
    for (const url of step.openIdConfigUrls) sources.push(await this.keysOf(url));
    if (step.signingKeys.length > 0) {
      const keys = step.signingKeys;
      sources.push(async (header) => {
        const wanted = header.alg?.startsWith('HS') ? 'oct' : 'RSA';
        const jwk = keys.find((key) => key.kty === wanted);
        if (!jwk) throw new errors.JWKSNoMatchingKey();
        return importJWK({ ...jwk, alg: header.alg }, header.alg);
      });
    }
    return sources;
  }

  private async discoveredIssuers(step: ValidateJwtStep): Promise<string[]> {
    const issuers: string[] = [];
    for (const url of step.openIdConfigUrls) {
      const issuer = (await this.configuration(url)).issuer;
      if (issuer) issuers.push(issuer);
    }
    return issuers;
  }

  private async configuration(url: string): Promise<{ issuer?: string; jwksUri: string }> {
    const cached = await this.fresh(this.configurations, url, METADATA_MAX_AGE_MS, async () => {
      const document = (await this.fetchJson(url, 'the OpenID configuration')) as {
        issuer?: unknown;
        jwks_uri?: unknown;
      };
      if (typeof document.jwks_uri !== 'string')
        throw new ConfigurationUnavailable(`The OpenID configuration at ${url} has no jwks_uri.`);
      return {
        ...(typeof document.issuer === 'string' ? { issuer: document.issuer } : {}),
        jwksUri: new URL(document.jwks_uri, url).toString(),
      };
    });
    return cached.value;
  }

  private async keysOf(configurationUrl: string): Promise<JWTVerifyGetKey> {
    const { jwksUri } = await this.configuration(configurationUrl);
    const load = async (): Promise<JWTVerifyGetKey> =>
      createLocalJWKSet((await this.fetchJson(jwksUri, 'the signing keys')) as JSONWebKeySet);
    const cached = await this.fresh(this.keySets, jwksUri, METADATA_MAX_AGE_MS, load);
    return async (header, input) => {
      try {
        return await cached.value(header, input);
      } catch (error) {
        // A kid it does not know may be a rotated key: fetch the set again, not too often.
        if (
          !(error instanceof errors.JWKSNoMatchingKey) ||
          this.clock() - cached.fetchedAt < KEYS_COOLDOWN_MS
        )
          throw error;
        const again = await this.fresh(this.keySets, jwksUri, 0, load);
        return again.value(header, input);
      }
    };
  }

  private async fresh<T>(
    cache: Map<string, Promise<CachedDocument<T>>>,
    key: string,
    maxAgeMs: number,
    load: () => Promise<T>,
  ): Promise<CachedDocument<T>> {
    const existing = cache.get(key);
    if (existing) {
      const settled = await existing.catch(() => undefined);
      if (settled && this.clock() - settled.fetchedAt < maxAgeMs) return settled;
    }
    const loading = load().then((value) => ({ value, fetchedAt: this.clock() }));
    cache.set(key, loading);
    // A failed fetch is not cached: the next call tries again.
    loading.catch(() => {
      if (cache.get(key) === loading) cache.delete(key);
    });
    return loading;
  }

  private async fetchJson(url: string, what: string): Promise<unknown> {
    const refusal = openIdConfigRefusal(url, this.options);
    if (refusal) throw new ConfigurationUnavailable(refusal);
    try {
      return await this.options.fetchJson(url);
    } catch (error) {
      throw new ConfigurationUnavailable(
        `The gateway could not read ${what} at ${url}: ${error instanceof Error ? error.message : String(error)}.`,
      );
    }
  }
}

function checkRequiredClaims(required: RequiredClaim[], payload: JWTPayload): string | undefined {
  const missing = required.filter((claim) => payload[claim.name] === undefined);
  if (missing.length > 0)
    return `JWT token is missing the following claims: ${missing.map((c) => c.name).join(', ')}. Access denied.`;
  for (const claim of required) {
    if (claim.values.length === 0) continue;
    const raw = payload[claim.name];
    const present = (Array.isArray(raw) ? raw : [raw]).flatMap((value) => {
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      return claim.separator ? text.split(claim.separator) : [text];
    });
    const ok =
      claim.match === 'all'
        ? claim.values.every((value) => present.includes(value))
        : claim.values.some((value) => present.includes(value));
    if (!ok)
      return `Claim ${claim.name} value of ${typeof raw === 'string' ? raw : JSON.stringify(raw)} is not allowed. Access denied.`;
  }
  return undefined;
}

function failureMessage(
  error: unknown,
  claims: JWTPayload,
  header: { alg?: string; kid?: string },
  step: ValidateJwtStep,
  issuers: string[],
  now: number,
): string {
  const at = (seconds: unknown): string =>
    typeof seconds === 'number' ? new Date(seconds * 1000).toISOString() : String(seconds);
  const skew = `clock skew allowed: ${step.clockSkewSeconds} s`;
  if (error instanceof errors.JWTExpired)
    return `Lifetime validation failed: the token expired at ${at(claims.exp)}; it is now ${new Date(now).toISOString()} (${skew}). Access denied.`;
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'iss':
        return `Issuer validation failed: the token's issuer '${String(claims.iss)}' is not ${issuers.length === 1 ? `'${issuers[0]}'` : `one of ${issuers.join(', ')}`}. Access denied.`;
      case 'aud':
        return `Audience validation failed: the token's audience '${Array.isArray(claims.aud) ? claims.aud.join(', ') : String(claims.aud)}' is not ${step.audiences.length === 1 ? `'${step.audiences[0]}'` : `one of ${step.audiences.join(', ')}`}. Access denied.`;
      case 'nbf':
        return `Lifetime validation failed: the token is not valid before ${at(claims.nbf)}; it is now ${new Date(now).toISOString()} (${skew}). Access denied.`;
      case 'exp':
        return 'Lifetime validation failed: the token has no expiration time (exp). Access denied.';
      default:
        return `The token's ${error.claim} claim is not valid (${error.reason}). Access denied.`;
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed)
    return `The token's signing algorithm '${header.alg ?? ''}' is not accepted. Access denied.`;
  if (error instanceof errors.JWKSNoMatchingKey)
    return `Signature validation failed: no signing key of the issuer matches the token (kid '${header.kid ?? ''}'). Access denied.`;
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return 'Signature validation failed: the token was not signed by a key of the issuer. Access denied.';
  return 'The token is not a valid JWT. Access denied.';
}
